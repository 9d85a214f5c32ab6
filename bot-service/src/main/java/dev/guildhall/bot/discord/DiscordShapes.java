package dev.guildhall.bot.discord;

import dev.guildhall.bot.command.CommandOption;
import dev.guildhall.bot.command.CommandResponse;
import dev.guildhall.bot.webhook.WebhookResponse;
import dev.guildhall.common.discord.DiscordObjects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bot-service's own objects (commands, webhooks) and the owners' invites and attachments in Discord's shapes.
 * The gateway dialect's shapes live in {@link DiscordObjects}; these are the REST surface's alone.
 */
final class DiscordShapes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DiscordShapes() {
    }

    /** A slash command as Discord's application command object (type 1, CHAT_INPUT). */
    static ObjectNode command(CommandResponse c) {
        ObjectNode o = JSON.objectNode();
        o.put("id", c.id());
        o.put("application_id", c.applicationId());
        if (c.serverId() != null) {
            o.put("guild_id", c.serverId());
        }
        o.put("name", c.name());
        o.putNull("name_localizations");
        o.put("description", c.description());
        o.putNull("description_localizations");
        o.put("type", c.type());
        ArrayNode options = o.putArray("options");
        if (c.options() != null) {
            for (CommandOption option : c.options()) {
                options.add(option(option));
            }
        }
        o.putNull("default_member_permissions");
        o.put("dm_permission", false);
        o.put("nsfw", false);
        o.putArray("integration_types").add(0);
        o.putArray("contexts").add(0);
        o.put("version", c.version());
        return o;
    }

    private static ObjectNode option(CommandOption option) {
        ObjectNode o = JSON.objectNode();
        o.put("type", option.type() == null ? CommandOption.STRING : option.type());
        o.put("name", option.name());
        o.put("description", option.description() == null ? "" : option.description());
        o.put("required", option.isRequired());
        if (option.choices() != null) {
            ArrayNode choices = o.putArray("choices");
            option.choices().forEach(choice -> choices.addObject().put("name", choice.name())
                    .set("value", choice.value()));
        }
        return o;
    }

    /** Discord's incoming webhook; {@code token} and {@code url} only in the answer to its creation. */
    static ObjectNode webhook(WebhookResponse w) {
        ObjectNode o = JSON.objectNode();
        o.put("id", w.webhookId());
        o.put("type", w.type());
        o.put("guild_id", w.serverId());
        o.put("channel_id", w.channelId());
        o.putObject("user").put("id", w.creatorId()).put("username", "").put("discriminator", "0")
                .putNull("avatar").putNull("global_name");
        o.put("name", w.name());
        // Discord's avatar is a CDN hash; Guildhall keeps an url, which libraries treat as opaque
        o.putNull("avatar");
        o.putNull("application_id");
        if (w.token() != null) {
            o.put("token", w.token());
        }
        if (w.url() != null) {
            o.put("url", w.url());
        }
        return o;
    }

    /** A v1 invite as Discord's invite object (the guild and channel partial, by id). */
    static ObjectNode invite(JsonNode invite) {
        ObjectNode o = JSON.objectNode();
        o.put("type", 0);
        o.put("code", DiscordObjects.text(invite, "code"));
        o.putObject("guild").put("id", DiscordObjects.text(invite, "server_id"));
        o.putObject("channel").put("id", DiscordObjects.text(invite, "channel_id")).put("type", 0);
        o.putObject("inviter").put("id", DiscordObjects.text(invite, "inviter_id")).put("username", "")
                .put("discriminator", "0");
        o.put("uses", invite.path("uses").asInt(0));
        o.put("max_uses", invite.path("max_uses").asInt(0));
        o.put("max_age", invite.path("max_age").asInt(0));
        o.put("temporary", false);
        if (invite.path("expires_at").isString()) {
            o.put("expires_at", invite.path("expires_at").asString());
        } else {
            o.putNull("expires_at");
        }
        return o;
    }

    /** A v1 message as Discord's, its attachments included in Discord's shape. */
    static ObjectNode message(JsonNode message, long selfId) {
        ObjectNode m = DiscordObjects.message(message, selfId);
        ArrayNode attachments = JSON.arrayNode();
        for (JsonNode a : message.path("attachments")) {
            ObjectNode d = attachments.addObject();
            d.put("id", firstText(a, "attachment_id", "id"));
            d.put("filename", DiscordObjects.text(a, "filename"));
            d.put("size", a.path("size").asLong(0));
            d.put("url", DiscordObjects.text(a, "url"));
            d.put("proxy_url", firstText(a, "proxy_url", "url"));
            if (a.path("content_type").isString()) {
                d.put("content_type", a.path("content_type").asString());
            }
            if (a.path("width").isNumber()) {
                d.put("width", a.path("width").asInt());
                d.put("height", a.path("height").asInt());
            }
        }
        m.set("attachments", attachments);
        return m;
    }

    private static String firstText(JsonNode node, String field, String fallback) {
        String value = DiscordObjects.text(node, field);
        return value.isEmpty() ? DiscordObjects.text(node, fallback) : value;
    }
}
