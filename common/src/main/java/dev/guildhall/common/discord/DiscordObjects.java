package dev.guildhall.common.discord;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Native v1 objects → Discord's shapes (ADR 177). Only renames and fills Discord's required fields
 * with what Guildhall means by them (no emojis, stickers, boosts, NSFW...); never invents data.
 */
public final class DiscordObjects {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DiscordObjects() {
    }

    /** A v1 user ({@code user_id, username, avatar_url, bot?}) as Discord's user object. */
    public static ObjectNode user(JsonNode user, boolean bot) {
        ObjectNode u = JSON.objectNode();
        u.put("id", text(user, "user_id"));
        u.put("username", text(user, "username"));
        u.put("discriminator", "0");
        u.putNull("global_name");
        u.putNull("avatar");
        u.put("bot", bot || user.path("bot").asBoolean(false));
        u.put("system", false);
        u.put("flags", 0);
        u.put("public_flags", 0);
        return u;
    }

    /** A v1 server as Discord's guild object (without the lists GUILD_CREATE adds). */
    public static ObjectNode guild(JsonNode server, ArrayNode roles) {
        ObjectNode g = JSON.objectNode();
        String id = text(server, "server_id");
        g.put("id", id);
        g.put("name", text(server, "server_name"));
        g.putNull("icon");
        g.putNull("icon_hash");
        g.putNull("splash");
        g.putNull("discovery_splash");
        g.put("owner_id", text(server, "owner_id"));
        g.putNull("afk_channel_id");
        g.put("afk_timeout", 300);
        g.put("verification_level", 0);
        g.put("default_message_notifications", 0);
        g.put("explicit_content_filter", 0);
        g.set("roles", roles == null ? JSON.arrayNode() : roles);
        g.putArray("emojis");
        g.putArray("features");
        g.put("mfa_level", 0);
        g.putNull("application_id");
        g.putNull("system_channel_id");
        g.put("system_channel_flags", 0);
        g.putNull("rules_channel_id");
        g.putNull("vanity_url_code");
        g.putNull("description");
        g.putNull("banner");
        g.put("premium_tier", 0);
        g.put("premium_subscription_count", 0);
        g.put("preferred_locale", "en-US");
        g.putNull("public_updates_channel_id");
        g.put("nsfw_level", 0);
        g.put("nsfw", false);
        g.putArray("stickers");
        g.put("premium_progress_bar_enabled", false);
        g.putNull("safety_alerts_channel_id");
        return g;
    }

    /** Discord's channel type numbers: text 0, voice 2, category 4 (video is a voice channel). */
    public static int channelType(String nativeType) {
        return switch (nativeType == null ? "text" : nativeType) {
            case "voice", "video" -> 2;
            case "category" -> 4;
            default -> 0;
        };
    }

    public static ObjectNode channel(JsonNode channel) {
        ObjectNode c = JSON.objectNode();
        c.put("id", text(channel, "channel_id"));
        int type = channelType(channel.path("channel_type").asString("text"));
        c.put("type", type);
        if (channel.hasNonNull("server_id")) {
            c.put("guild_id", text(channel, "server_id"));
        }
        c.put("name", text(channel, "channel_name"));
        c.put("position", channel.path("position").asInt(0));
        String parent = channel.path("parent_id").asString(null);
        if (parent == null || channel.path("parent_id").isNull()) {
            c.putNull("parent_id");
        } else {
            c.put("parent_id", parent);
        }
        ArrayNode overwrites = c.putArray("permission_overwrites");
        for (JsonNode o : channel.path("permission_overwrites")) {
            overwrites.addObject()
                    .put("id", text(o, "id"))
                    .put("type", "member".equals(o.path("type").asString()) ? 1 : 0)
                    .put("allow", o.path("allow").asString("0"))
                    .put("deny", o.path("deny").asString("0"));
        }
        c.put("flags", 0);
        if (type == 0) {
            c.putNull("topic");
            c.put("nsfw", false);
            c.putNull("last_message_id");
            c.put("rate_limit_per_user", 0);
        } else if (type == 2) {
            c.put("bitrate", 64000);
            c.put("user_limit", 0);
            c.putNull("rtc_region");
            c.put("nsfw", false);
            c.put("rate_limit_per_user", 0);
            c.putNull("last_message_id");
        }
        return c;
    }

    /** A role; Discord's @everyone id is the guild id, as Guildhall's is the server id. */
    public static ObjectNode role(JsonNode role) {
        ObjectNode r = JSON.objectNode();
        r.put("id", text(role, "role_id"));
        r.put("name", text(role, "name"));
        int color = role.path("color").asInt(0);
        r.put("color", color);
        ObjectNode colors = r.putObject("colors");
        colors.put("primary_color", color);
        colors.putNull("secondary_color");
        colors.putNull("tertiary_color");
        r.put("hoist", role.path("hoist").asBoolean(false));
        r.putNull("icon");
        r.putNull("unicode_emoji");
        r.put("position", role.path("position").asInt(0));
        r.put("permissions", role.path("permissions").asString("0"));
        r.put("managed", role.path("managed").asBoolean(false));
        r.put("mentionable", role.path("mentionable").asBoolean(false));
        r.put("flags", 0);
        return r;
    }

    public static ArrayNode roles(JsonNode roles) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode role : roles) {
            out.add(role(role));
        }
        return out;
    }

    /**
     * A member: {@code user} is the Discord user when known (v1 members carry {@code user_id} and maybe a
     * {@code user} or {@code username}).
     */
    public static ObjectNode member(JsonNode member, JsonNode discordUser) {
        ObjectNode m = JSON.objectNode();
        if (discordUser != null) {
            m.set("user", discordUser);
        }
        JsonNode nick = member.path("nick");
        if (nick.isString()) {
            m.put("nick", nick.asString());
        } else {
            m.putNull("nick");
        }
        m.putNull("avatar");
        m.putNull("banner");
        ArrayNode roles = m.putArray("roles");
        for (JsonNode role : member.path("roles")) {
            roles.add(role.isObject() ? text(role, "role_id") : role.asString());
        }
        m.put("joined_at", member.path("joined_at").asString("1970-01-01T00:00:00Z"));
        m.putNull("premium_since");
        m.put("deaf", false);
        m.put("mute", false);
        m.put("flags", 0);
        m.put("pending", false);
        m.putNull("communication_disabled_until");
        return m;
    }

    /**
     * A v1 message as Discord's message object. {@code selfId} is the viewing bot's user id: its own
     * messages say {@code bot: true} even before message-service reports {@code author.bot}.
     */
    public static ObjectNode message(JsonNode message, long selfId) {
        ObjectNode m = JSON.objectNode();
        String messageId = text(message, "message_id");
        String channelId = text(message, "channel_id");
        String serverId = message.path("server_id").isString() ? message.path("server_id").asString() : null;
        m.put("id", messageId);
        m.put("channel_id", channelId);
        if (serverId != null) {
            m.put("guild_id", serverId);
        }
        JsonNode author = message.path("author");
        if (!author.isObject()) {
            author = JSON.objectNode().put("user_id", text(message, "user_id")).put("username", "");
        }
        m.set("author", user(author, Long.toString(selfId).equals(text(author, "user_id"))));
        m.put("content", message.path("content").asString(""));
        m.put("timestamp", message.path("created_at").asString());
        if (message.path("edited_at").isString()) {
            m.put("edited_timestamp", message.path("edited_at").asString());
        } else {
            m.putNull("edited_timestamp");
        }
        m.put("tts", false);
        m.put("mention_everyone", message.path("mention_everyone").asBoolean(false));
        ArrayNode mentions = m.putArray("mentions");
        for (JsonNode id : message.path("mentions")) {
            // v1 mentions are ids; a partial user keeps libraries from overwriting cached names
            mentions.addObject().put("id", id.isObject() ? text(id, "user_id") : id.asString());
        }
        ArrayNode mentionRoles = m.putArray("mention_roles");
        message.path("mention_roles").forEach(r -> mentionRoles.add(r.asString()));
        m.set("attachments", message.path("attachments").isArray() ? message.path("attachments") : JSON.arrayNode());
        m.set("embeds", message.path("embeds").isArray() ? message.path("embeds") : JSON.arrayNode());
        m.set("components", message.path("components").isArray() ? message.path("components") : JSON.arrayNode());
        ArrayNode reactions = m.putArray("reactions");
        for (JsonNode reaction : message.path("reactions")) {
            ObjectNode r = reactions.addObject();
            r.put("count", reaction.path("count").asInt(0));
            r.putObject("count_details").put("burst", 0).put("normal", reaction.path("count").asInt(0));
            r.put("me", reaction.path("me").asBoolean(false));
            r.put("me_burst", false);
            r.putObject("emoji").putNull("id").put("name", reaction.path("emoji").asString());
            r.putArray("burst_colors");
        }
        if (message.path("nonce").isString()) {
            m.put("nonce", message.path("nonce").asString());
        }
        m.put("pinned", message.path("pinned").asBoolean(false));
        if (message.path("webhook_id").isString()) {
            m.put("webhook_id", message.path("webhook_id").asString());
        }
        JsonNode reply = message.path("reply_to");
        m.put("type", reply.isObject() ? 19 : 0);
        m.put("flags", 0);
        if (reply.isObject()) {
            ObjectNode reference = m.putObject("message_reference");
            reference.put("type", 0);
            reference.put("message_id", text(reply, "message_id"));
            reference.put("channel_id", channelId);
            if (serverId != null) {
                reference.put("guild_id", serverId);
            }
        }
        return m;
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asString();
    }
}
