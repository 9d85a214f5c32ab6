package dev.guildhall.websocket.discord;

import dev.guildhall.common.discord.DiscordObjects;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.websocket.protocol.DispatchFrame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Native dispatches → Discord's (ADR 177): the same event, renamed and reshaped for one bot session.
 * Frames the dialect built itself (READY, GUILD_CREATE) carry a {@value #OWN_REF} ref and pass as they
 * are; native events this slice does not translate yet are dropped (a Discord library would choke on
 * Guildhall's names). MESSAGE_CONTENT is applied before this, by the shared fan-out (ADR 167): a bot
 * without it is handed the event's content-less frame.
 */
public final class DiscordEncoder {

    /** Ref prefix of frames already in Discord's shape. */
    public static final String OWN_REF = "discord:";

    /** The native RESUMED ({@code d: {}}) is Discord's as it is. */
    static final String RESUMED = "RESUMED";

    private final JsonMapper json;

    public DiscordEncoder(JsonMapper json) {
        this.json = json;
    }

    /** The Discord frame for one session, or null when the bot gets nothing for this event. */
    public DispatchFrame encode(DispatchFrame frame, DiscordIdentity bot) {
        if (frame.ref().startsWith(OWN_REF) || RESUMED.equals(frame.type())) {
            return frame;
        }
        String type = frame.type();
        ObjectNode out = switch (type) {
            case EventTypes.MESSAGE_CREATE, EventTypes.MESSAGE_UPDATE -> DiscordObjects.message(data(frame), bot.userId());
            case EventTypes.MESSAGE_DELETE -> messageDelete(data(frame));
            case EventTypes.MESSAGE_REACTION_ADD, EventTypes.MESSAGE_REACTION_REMOVE -> reaction(data(frame));
            case EventTypes.TYPING_START -> typing(data(frame));
            // the bot was added to a server while connected: the same GUILD_CREATE READY is followed by
            case EventTypes.SERVER_CREATE -> {
                JsonNode server = data(frame);
                yield server.path("unavailable").asBoolean(false) ? null
                        : guildCreate(server, bot, server.path("member_count").asInt(0), java.util.Set.of());
            }
            default -> null;
        };
        if (out == null) {
            return null;
        }
        String discordType = EventTypes.SERVER_CREATE.equals(type) ? "GUILD_CREATE" : type;
        return DispatchFrame.of(discordType, frame.ref(), json.writeValueAsBytes(out));
    }

    /**
     * A full GUILD_CREATE from a native server object as READY and SERVER_CREATE carry it (the channels
     * the bot may VIEW and the roles). Members: the bot itself, as Discord sends for a guild whose member
     * list the bot must request (GUILD_MEMBERS is privileged); {@code member_count} is the real count.
     */
    public ObjectNode guildCreate(JsonNode server, DiscordIdentity bot, int memberCount,
                                  java.util.Collection<Long> botRoles) {
        ObjectNode g = DiscordObjects.guild(server, DiscordObjects.roles(server.path("roles")));
        g.put("joined_at", server.path("created_at").asString("1970-01-01T00:00:00Z"));
        g.put("large", false);
        g.put("unavailable", false);
        g.put("member_count", Math.max(memberCount, 1));
        g.putArray("voice_states");
        ObjectNode member = json.createObjectNode();
        member.put("user_id", Long.toString(bot.userId()));
        tools.jackson.databind.node.ArrayNode roles = member.putArray("roles");
        botRoles.forEach(r -> roles.add(Long.toString(r)));
        member.put("joined_at", g.path("joined_at").asString());
        g.putArray("members").add(DiscordObjects.member(member, bot.user()));
        tools.jackson.databind.node.ArrayNode channels = g.putArray("channels");
        for (JsonNode channel : server.path("channels")) {
            channels.add(DiscordObjects.channel(channel));
        }
        g.putArray("threads");
        g.putArray("presences");
        g.putArray("stage_instances");
        g.putArray("guild_scheduled_events");
        g.putArray("soundboard_sounds");
        g.putArray("embedded_activities");
        return g;
    }

    private JsonNode data(DispatchFrame frame) {
        byte[] suffix = frame.suffix();
        // suffix: ,"t":"TYPE","d":{...}}
        int start = (",\"t\":\"" + frame.type() + "\",\"d\":").getBytes(StandardCharsets.US_ASCII).length;
        return json.readTree(new String(Arrays.copyOfRange(suffix, start, suffix.length - 1), StandardCharsets.UTF_8));
    }

    private ObjectNode messageDelete(JsonNode deleted) {
        ObjectNode d = json.createObjectNode();
        d.put("id", DiscordObjects.text(deleted, "message_id"));
        d.put("channel_id", DiscordObjects.text(deleted, "channel_id"));
        guildId(deleted, d);
        return d;
    }

    private ObjectNode reaction(JsonNode reaction) {
        ObjectNode d = json.createObjectNode();
        d.put("user_id", DiscordObjects.text(reaction, "user_id"));
        d.put("channel_id", DiscordObjects.text(reaction, "channel_id"));
        d.put("message_id", DiscordObjects.text(reaction, "message_id"));
        guildId(reaction, d);
        d.putObject("emoji").putNull("id").put("name", DiscordObjects.text(reaction, "emoji"));
        d.put("burst", false);
        d.put("type", 0);
        return d;
    }

    private ObjectNode typing(JsonNode typing) {
        ObjectNode d = json.createObjectNode();
        d.put("channel_id", DiscordObjects.text(typing, "channel_id"));
        guildId(typing, d);
        d.put("user_id", DiscordObjects.text(typing, "user_id"));
        long timestamp = typing.path("timestamp").asLong(0);
        // Discord: unix seconds
        d.put("timestamp", timestamp > 100_000_000_000L ? timestamp / 1000 : timestamp);
        return d;
    }

    private static void guildId(JsonNode from, ObjectNode to) {
        if (from.path("server_id").isString()) {
            to.put("guild_id", from.path("server_id").asString());
        }
    }
}
