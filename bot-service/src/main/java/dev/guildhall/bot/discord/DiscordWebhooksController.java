package dev.guildhall.bot.discord;

import dev.guildhall.bot.interaction.InteractionResponses;
import dev.guildhall.bot.interaction.InteractionTokens;
import dev.guildhall.bot.webhook.WebhookRequests;
import dev.guildhall.bot.webhook.WebhookService;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Discord's webhook routes on the native webhooks (ADR 156): managing them with a bot's token and
 * MANAGE_WEBHOOKS, and executing one with nothing but the token in the path. {@code POST /webhooks/{id}/{token}}
 * is also an interaction's follow-up route: an interaction token (its prefix) goes to the interaction's
 * answers instead (ADR 169).
 */
@RestController
@RequestMapping({"/api/v10", "/api/v9"})
class DiscordWebhooksController {

    static final String EXECUTE = "/webhooks/{webhookId}/{token}";
    private static final int MAX_USERNAME = 80;

    private final WebhookService webhooks;
    private final InteractionResponses interactions;
    private final JsonMapper json;

    DiscordWebhooksController(WebhookService webhooks, InteractionResponses interactions, JsonMapper json) {
        this.webhooks = webhooks;
        this.interactions = interactions;
        this.json = json;
    }

    /** Discord answers 200 with the webhook and its token; {@code avatar} (image data) is not kept. */
    @PostMapping("/channels/{channelId}/webhooks")
    ObjectNode create(Caller caller, @PathVariable String channelId, @RequestBody JsonNode body) {
        if (body == null || !body.isObject() || !body.path("name").isString()) {
            throw DiscordApiException.invalidForm("name", "This field is required");
        }
        return DiscordShapes.webhook(webhooks.create(caller.userId(), DiscordErrors.snowflake(channelId, "channel_id"),
                new WebhookRequests.Create(body.path("name").asString(), null)));
    }

    @GetMapping("/channels/{channelId}/webhooks")
    ArrayNode inChannel(Caller caller, @PathVariable String channelId) {
        return list(webhooks.inChannel(caller.userId(), DiscordErrors.snowflake(channelId, "channel_id")));
    }

    @GetMapping("/guilds/{guildId}/webhooks")
    ArrayNode inGuild(Caller caller, @PathVariable String guildId) {
        return list(webhooks.inServer(caller.userId(), DiscordErrors.snowflake(guildId, "guild_id")));
    }

    @GetMapping("/webhooks/{webhookId}")
    ObjectNode get(Caller caller, @PathVariable String webhookId) {
        return DiscordShapes.webhook(webhooks.get(caller.userId(), DiscordErrors.snowflake(webhookId, "webhook_id")));
    }

    @PatchMapping("/webhooks/{webhookId}")
    ObjectNode update(Caller caller, @PathVariable String webhookId, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DiscordApiException(400, 50109, "The request body contains invalid JSON.");
        }
        return DiscordShapes.webhook(webhooks.update(caller.userId(), DiscordErrors.snowflake(webhookId, "webhook_id"),
                new WebhookRequests.Update(text(body, "name"), null, text(body, "channel_id"))));
    }

    @DeleteMapping("/webhooks/{webhookId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String webhookId) {
        webhooks.delete(caller.userId(), DiscordErrors.snowflake(webhookId, "webhook_id"));
        return ResponseEntity.noContent().build();
    }

    /**
     * Executes a webhook: 204, or 200 with the message when {@code ?wait=true} (discord.js's {@code WebhookClient}
     * always waits), with the webhook's rate-limit headers. An interaction token posts a follow-up message.
     */
    @PostMapping(EXECUTE)
    ResponseEntity<ObjectNode> execute(@PathVariable String webhookId, @PathVariable String token,
                                       @RequestParam(defaultValue = "false") boolean wait,
                                       @RequestBody JsonNode body) {
        JsonNode message = requireMessage(body);
        if (token.matches(InteractionTokens.PATTERN)) {
            JsonNode posted = interactions.followUp(DiscordErrors.snowflake(webhookId, "application_id"), token,
                    message);
            return ResponseEntity.ok(DiscordShapes.message(posted, 0));
        }
        String username = text(message, "username");
        if (username != null && username.length() > MAX_USERNAME) {
            throw DiscordApiException.invalidForm("username", "Must be 80 or fewer in length.");
        }
        List<Object> embeds = message.path("embeds").isArray() && !message.path("embeds").isEmpty()
                ? json.treeToValue(message.path("embeds"), json.getTypeFactory().constructCollectionType(
                List.class, Object.class)) : null;
        WebhookService.Executed executed = webhooks.execute(webhookId, token, new WebhookRequests.Execute(
                text(message, "content"), username, text(message, "avatar_url"), embeds));
        HttpHeaders headers = new HttpHeaders();
        RateLimitHeaders.headers(executed.rateLimit()).forEach(headers::set);
        if (!wait) {
            return ResponseEntity.noContent().headers(headers).build();
        }
        return ResponseEntity.ok().headers(headers).body(DiscordShapes.message(executed.message(), 0));
    }

    /** Discord refuses a message with neither content nor embeds before anything else (50006). */
    static JsonNode requireMessage(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DiscordApiException(400, 50109, "The request body contains invalid JSON.");
        }
        JsonNode content = body.path("content");
        if (!content.isMissingNode() && !content.isNull() && !content.isString()) {
            throw DiscordApiException.invalidForm("content", "Must be a string.");
        }
        boolean hasContent = content.isString() && !content.asString().isEmpty();
        boolean hasEmbeds = body.path("embeds").isArray() && !body.path("embeds").isEmpty();
        if (!hasContent && !hasEmbeds) {
            throw new DiscordApiException(400, 50006, "Cannot send an empty message");
        }
        return body;
    }

    private static ArrayNode list(List<dev.guildhall.bot.webhook.WebhookResponse> found) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        found.forEach(w -> out.add(DiscordShapes.webhook(w)));
        return out;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isString() ? value.asString() : null;
    }
}
