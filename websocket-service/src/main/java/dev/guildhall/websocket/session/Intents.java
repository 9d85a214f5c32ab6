package dev.guildhall.websocket.session;

import dev.guildhall.common.event.EventTypes;

import java.util.Map;

/**
 * Discord's gateway intents, for the event families Guildhall has. A person's session that sends no
 * intents gets everything it may see; one that does gets only the families it asked for.
 * Events outside every family (READY, RESUMED, USER_UPDATE, ...) always pass.
 *
 * <p>A bot's session ({@code bot}) follows Discord more closely (ADR 167): its intents were validated at
 * IDENTIFY ({@link #invalid}, {@link #disallowed}), direct-message events need the DIRECT_MESSAGE_*
 * families, and without MESSAGE_CONTENT it receives messages with empty {@code content} unless it
 * wrote them or is mentioned in them ({@link #redactsContent}).
 */
public record Intents(long bits, boolean bot) {

    public static final long SERVERS = 1L;
    public static final long SERVER_MEMBERS = 1L << 1;
    public static final long SERVER_MODERATION = 1L << 2;
    public static final long SERVER_INVITES = 1L << 6;
    public static final long SERVER_VOICE_STATES = 1L << 7;
    public static final long SERVER_PRESENCES = 1L << 8;
    public static final long SERVER_MESSAGES = 1L << 9;
    public static final long SERVER_MESSAGE_REACTIONS = 1L << 10;
    public static final long SERVER_MESSAGE_TYPING = 1L << 11;
    public static final long DIRECT_MESSAGES = 1L << 12;
    public static final long DIRECT_MESSAGE_REACTIONS = 1L << 13;
    public static final long DIRECT_MESSAGE_TYPING = 1L << 14;
    public static final long MESSAGE_CONTENT = 1L << 15;

    /**
     * Every bit Discord defines (GUILDS … DIRECT_MESSAGE_POLLS, including the families Guildhall has no
     * events for yet, which a bot library may still ask for); anything else is 4013.
     */
    public static final long KNOWN = (1L << 17) - 1 | 1L << 20 | 1L << 21 | 1L << 24 | 1L << 25;

    /** What a bot that sends no {@code intents} gets: every family but the privileged ones. */
    public static final long UNPRIVILEGED = KNOWN & ~(SERVER_MEMBERS | SERVER_PRESENCES | MESSAGE_CONTENT);

    /** Application flags (Discord's GATEWAY_* bits, ADR 150) that grant a privileged intent: full or limited. */
    private static final long PRESENCE_FLAGS = 1L << 12 | 1L << 13;
    private static final long MEMBERS_FLAGS = 1L << 14 | 1L << 15;
    private static final long CONTENT_FLAGS = 1L << 18 | 1L << 19;

    /** Marks a bot's intents where they are stored as one number (the resume hash, ADR 167). */
    private static final long BOT_SESSION = 1L << 62;

    public static final Intents ALL = new Intents(-1L);

    /** A person's intents. */
    public Intents(long bits) {
        this(bits, false);
    }

    public static Intents ofBot(long bits) {
        return new Intents(bits, true);
    }

    /** Negative or unknown bits: close 4013. */
    public static boolean invalid(long bits) {
        return bits < 0 || (bits & ~KNOWN) != 0;
    }

    /** A privileged intent the application's {@code flags} do not grant: close 4014. */
    public static boolean disallowed(long bits, long applicationFlags) {
        return (bits & SERVER_MEMBERS) != 0 && (applicationFlags & MEMBERS_FLAGS) == 0
                || (bits & SERVER_PRESENCES) != 0 && (applicationFlags & PRESENCE_FLAGS) == 0
                || (bits & MESSAGE_CONTENT) != 0 && (applicationFlags & CONTENT_FLAGS) == 0;
    }

    /** One number for the resume store; {@link #decode} reverses it. */
    public long encode() {
        return bot ? bits | BOT_SESSION : bits;
    }

    public static Intents decode(long stored) {
        if (stored > 0 && (stored & BOT_SESSION) != 0) {
            return ofBot(stored & ~BOT_SESSION);
        }
        return stored == -1 ? ALL : new Intents(stored);
    }

    /** Whether messages this session receives lose their {@code content} (unless theirs or mentioning them). */
    public boolean redactsContent() {
        return bot && (bits & MESSAGE_CONTENT) == 0;
    }

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

    /**
     * As {@link #allows(String)}, for an event of a direct-message channel ({@code direct}): a bot needs the
     * DIRECT_MESSAGE_* family instead of the server one; a person's session is filtered as before.
     */
    public boolean allows(String type, boolean direct) {
        if (!bot || !direct) {
            return allows(type);
        }
        Long family = DIRECT.get(type);
        return family == null ? allows(type) : (bits & family) != 0;
    }

    private static final Map<String, Long> DIRECT = Map.of(
            EventTypes.MESSAGE_CREATE, DIRECT_MESSAGES,
            EventTypes.MESSAGE_UPDATE, DIRECT_MESSAGES,
            EventTypes.MESSAGE_DELETE, DIRECT_MESSAGES,
            EventTypes.CHANNEL_PINS_UPDATE, DIRECT_MESSAGES,
            EventTypes.MESSAGE_REACTION_ADD, DIRECT_MESSAGE_REACTIONS,
            EventTypes.MESSAGE_REACTION_REMOVE, DIRECT_MESSAGE_REACTIONS,
            EventTypes.TYPING_START, DIRECT_MESSAGE_TYPING);
}
