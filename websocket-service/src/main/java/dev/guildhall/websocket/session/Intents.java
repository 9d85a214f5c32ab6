package dev.guildhall.websocket.session;

import dev.guildhall.common.event.EventTypes;

import java.util.Map;

/**
 * Discord's gateway intents, for the event families Guildhall has. A session that sends no
 * intents gets everything it may see; one that does gets only the families it asked for.
 * Events outside every family (READY, RESUMED, USER_UPDATE, ...) always pass.
 */
public record Intents(long bits) {

    public static final long SERVERS = 1L;
    public static final long SERVER_MEMBERS = 1L << 1;
    public static final long SERVER_MODERATION = 1L << 2;
    public static final long SERVER_INVITES = 1L << 6;
    public static final long SERVER_VOICE_STATES = 1L << 7;
    public static final long SERVER_PRESENCES = 1L << 8;
    public static final long SERVER_MESSAGES = 1L << 9;
    public static final long SERVER_MESSAGE_REACTIONS = 1L << 10;
    public static final long SERVER_MESSAGE_TYPING = 1L << 11;

    public static final Intents ALL = new Intents(-1L);

    private static final Map<String, Long> FAMILY = Map.ofEntries(
            Map.entry(EventTypes.SERVER_CREATE, SERVERS),
            Map.entry(EventTypes.SERVER_UPDATE, SERVERS),
            Map.entry(EventTypes.SERVER_DELETE, SERVERS),
            Map.entry(EventTypes.SERVER_ROLE_CREATE, SERVERS),
            Map.entry(EventTypes.SERVER_ROLE_UPDATE, SERVERS),
            Map.entry(EventTypes.SERVER_ROLE_DELETE, SERVERS),
            Map.entry(EventTypes.CHANNEL_CREATE, SERVERS),
            Map.entry(EventTypes.CHANNEL_UPDATE, SERVERS),
            Map.entry(EventTypes.CHANNEL_DELETE, SERVERS),
            Map.entry(EventTypes.CHANNEL_PINS_UPDATE, SERVERS),
            Map.entry(EventTypes.SERVER_MEMBER_ADD, SERVER_MEMBERS),
            Map.entry(EventTypes.SERVER_MEMBER_UPDATE, SERVER_MEMBERS),
            Map.entry(EventTypes.SERVER_MEMBER_REMOVE, SERVER_MEMBERS),
            Map.entry(EventTypes.SERVER_BAN_ADD, SERVER_MODERATION),
            Map.entry(EventTypes.SERVER_BAN_REMOVE, SERVER_MODERATION),
            Map.entry(EventTypes.INVITE_CREATE, SERVER_INVITES),
            Map.entry(EventTypes.INVITE_DELETE, SERVER_INVITES),
            Map.entry(EventTypes.VOICE_STATE_UPDATE, SERVER_VOICE_STATES),
            Map.entry(EventTypes.PRESENCE_UPDATE, SERVER_PRESENCES),
            Map.entry(EventTypes.MESSAGE_CREATE, SERVER_MESSAGES),
            Map.entry(EventTypes.MESSAGE_UPDATE, SERVER_MESSAGES),
            Map.entry(EventTypes.MESSAGE_DELETE, SERVER_MESSAGES),
            Map.entry(EventTypes.MESSAGE_REACTION_ADD, SERVER_MESSAGE_REACTIONS),
            Map.entry(EventTypes.MESSAGE_REACTION_REMOVE, SERVER_MESSAGE_REACTIONS),
            Map.entry(EventTypes.TYPING_START, SERVER_MESSAGE_TYPING));

    public boolean allows(String type) {
        Long family = FAMILY.get(type);
        return family == null || (bits & family) != 0;
    }
}
