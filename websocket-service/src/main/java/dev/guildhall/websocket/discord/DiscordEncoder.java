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
 * are; native events the dialect does not translate (read states, voice, invites, bans, INTERACTION_FAILED...)
 * are dropped (a Discord library would choke on Guildhall's names). Which events a bot gets at all is the
 * shared fan-out's choice, by Discord's intent bits (ADR 167). MESSAGE_CONTENT is applied before this, by the shared fan-out (ADR 167): a bot
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
        JsonNode data = data(frame);
        ObjectNode out = switch (type) {
            case EventTypes.MESSAGE_CREATE, EventTypes.MESSAGE_UPDATE -> DiscordObjects.message(data, bot.userId());
            case EventTypes.MESSAGE_DELETE -> messageDelete(data);
            case EventTypes.MESSAGE_REACTION_ADD, EventTypes.MESSAGE_REACTION_REMOVE -> reaction(data);
            case EventTypes.TYPING_START -> typing(data);
            // the bot was added to a server while connected: the same GUILD_CREATE READY is followed by
            case EventTypes.SERVER_CREATE -> data.path("unavailable").asBoolean(false) ? null
                    : guildCreate(data, bot, data.path("member_count").asInt(0), java.util.Set.of());
            case EventTypes.SERVER_UPDATE -> DiscordObjects.guild(unwrap(data, "server"),
                    DiscordObjects.roles(unwrap(data, "server").path("roles")));
            case EventTypes.SERVER_DELETE -> guildDelete(data);
            case EventTypes.SERVER_MEMBER_ADD -> memberOfOther(data, bot, true);
            case EventTypes.SERVER_MEMBER_UPDATE -> memberOfOther(data, bot, false);
            case EventTypes.SERVER_MEMBER_REMOVE -> memberRemove(data, bot);
            case EventTypes.CHANNEL_CREATE, EventTypes.CHANNEL_UPDATE, EventTypes.CHANNEL_DELETE ->
                    DiscordObjects.channel(unwrap(data, "channel"));
            case EventTypes.SERVER_ROLE_CREATE, EventTypes.SERVER_ROLE_UPDATE -> role(data);
            case EventTypes.SERVER_ROLE_DELETE -> roleDelete(data);
            case EventTypes.PRESENCE_UPDATE -> presence(data);
            case INTERACTION_CREATE -> interaction(data);
            default -> null;
        };
        if (out == null) {
            return null;
        }
        return DispatchFrame.of(discordType(type, data, bot), frame.ref(), json.writeValueAsBytes(out));
    }

    /** Discord's name for a native event this encoder translates. */
    static String discordType(String type, JsonNode data, DiscordIdentity bot) {
        return switch (type) {
            case EventTypes.SERVER_CREATE -> "GUILD_CREATE";
            case EventTypes.SERVER_UPDATE -> "GUILD_UPDATE";
            case EventTypes.SERVER_DELETE -> "GUILD_DELETE";
            case EventTypes.SERVER_MEMBER_ADD -> "GUILD_MEMBER_ADD";
            case EventTypes.SERVER_MEMBER_UPDATE -> "GUILD_MEMBER_UPDATE";
            // the bot itself removed: the guild is gone for it
            case EventTypes.SERVER_MEMBER_REMOVE -> memberId(data) == bot.userId() ? "GUILD_DELETE" : "GUILD_MEMBER_REMOVE";
            case EventTypes.SERVER_ROLE_CREATE -> "GUILD_ROLE_CREATE";
            case EventTypes.SERVER_ROLE_UPDATE -> "GUILD_ROLE_UPDATE";
            case EventTypes.SERVER_ROLE_DELETE -> "GUILD_ROLE_DELETE";
            default -> type;
        };
    }

    /** bot-service's INTERACTION_CREATE (ADR 169) carries the bot's token; the name is Discord's already. */
    static final String INTERACTION_CREATE = "INTERACTION_CREATE";

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

    /** Some events wrap their object ({@code {"member": {...}}}), most are the object. */
    private static JsonNode unwrap(JsonNode data, String field) {
        JsonNode inner = data.path(field);
        return inner.isObject() ? inner : data;
    }

    private static long memberId(JsonNode data) {
        JsonNode member = unwrap(data, "member");
        String id = member.path("user_id").asString(member.path("user").path("user_id").asString(""));
        try {
            return id.isEmpty() ? 0 : Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A v1 member as Discord's, with {@code guild_id}; the bot's own GUILD_MEMBER_ADD is its GUILD_CREATE's. */
    private ObjectNode memberOfOther(JsonNode data, DiscordIdentity bot, boolean add) {
        JsonNode member = unwrap(data, "member");
        if (add && memberId(data) == bot.userId()) {
            return null;
        }
        JsonNode user = member.path("user").isObject() ? member.path("user")
                : json.createObjectNode().put("user_id", Long.toString(memberId(data))).put("username", "");
        ObjectNode m = DiscordObjects.member(member, DiscordObjects.user(user, false));
        String serverId = member.path("server_id").asString(data.path("server_id").asString(""));
        m.put("guild_id", serverId);
        return m;
    }

    private ObjectNode memberRemove(JsonNode data, DiscordIdentity bot) {
        ObjectNode d = json.createObjectNode();
        String serverId = DiscordObjects.text(unwrap(data, "member"), "server_id");
        if (serverId.isEmpty()) {
            serverId = DiscordObjects.text(data, "server_id");
        }
        if (memberId(data) == bot.userId()) {
            // GUILD_DELETE without unavailable: removed from the guild
            d.put("id", serverId);
            return d;
        }
        d.put("guild_id", serverId);
        JsonNode user = data.path("user").isObject() ? data.path("user") : unwrap(data, "member").path("user");
        if (!user.isObject()) {
            user = json.createObjectNode().put("user_id", Long.toString(memberId(data))).put("username", "");
        }
        d.set("user", DiscordObjects.user(user, false));
        return d;
    }

    private ObjectNode guildDelete(JsonNode data) {
        ObjectNode d = json.createObjectNode();
        d.put("id", DiscordObjects.text(unwrap(data, "server"), "server_id"));
        return d;
    }

    private ObjectNode role(JsonNode data) {
        JsonNode role = unwrap(data, "role");
        ObjectNode d = json.createObjectNode();
        d.put("guild_id", DiscordObjects.text(role, "server_id").isEmpty() ? DiscordObjects.text(data, "server_id")
                : DiscordObjects.text(role, "server_id"));
        d.set("role", DiscordObjects.role(role));
        return d;
    }

    private ObjectNode roleDelete(JsonNode data) {
        ObjectNode d = json.createObjectNode();
        d.put("guild_id", DiscordObjects.text(data, "server_id"));
        d.put("role_id", DiscordObjects.text(data, "role_id"));
        return d;
    }

    /** PRESENCE_UPDATE per server (the router adds {@code server_id}); activities are not modelled. */
    private ObjectNode presence(JsonNode data) {
        ObjectNode d = json.createObjectNode();
        d.putObject("user").put("id", DiscordObjects.text(data, "user_id"));
        d.put("guild_id", DiscordObjects.text(data, "server_id"));
        String status = data.path("status").asString("offline");
        d.put("status", status);
        d.putArray("activities");
        ObjectNode client = d.putObject("client_status");
        if (!"offline".equals(status) && !"invisible".equals(status)) {
            client.put("desktop", status);
        }
        return d;
    }

    /** Discord's full APPLICATION_COMMAND interaction from bot-service's payload (ADR 169). */
    private ObjectNode interaction(JsonNode data) {
        ObjectNode d = json.createObjectNode();
        String guildId = DiscordObjects.text(data, "guild_id");
        String channelId = DiscordObjects.text(data, "channel_id");
        d.put("id", DiscordObjects.text(data, "id"));
        d.put("application_id", DiscordObjects.text(data, "application_id"));
        d.put("type", data.path("type").asInt(2));
        JsonNode command = data.path("data");
        ObjectNode c = d.putObject("data");
        c.put("id", DiscordObjects.text(command, "id"));
        c.put("name", DiscordObjects.text(command, "name"));
        c.put("type", command.path("type").asInt(1));
        c.set("options", command.path("options").isArray() ? command.path("options") : json.createArrayNode());
        c.put("guild_id", guildId);
        d.put("guild_id", guildId);
        d.put("channel_id", channelId);
        ObjectNode channel = d.putObject("channel");
        channel.put("id", channelId);
        channel.put("type", 0);
        channel.put("guild_id", guildId);
        JsonNode member = data.path("member");
        ObjectNode m = DiscordObjects.member(member, DiscordObjects.user(member.path("user"), false));
        m.put("permissions", member.path("permissions").asString("0"));
        if (member.path("joined_at").isNull()) {
            m.put("joined_at", "1970-01-01T00:00:00Z");
        }
        d.set("member", m);
        d.put("token", DiscordObjects.text(data, "token"));
        d.put("version", 1);
        d.put("app_permissions", member.path("app_permissions").asString("0"));
        d.put("locale", "en-US");
        d.put("guild_locale", "en-US");
        d.putArray("entitlements");
        d.putObject("authorizing_integration_owners").put("0", guildId);
        d.put("context", 0);
        d.put("attachment_size_limit", 26_214_400);
        return d;
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
