package dev.guildhall.bot.discord;

import dev.guildhall.bot.interaction.CallbackRequest;
import dev.guildhall.bot.interaction.InteractionResponses;
import dev.guildhall.bot.interaction.InteractionTokens;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord's interaction answers on the native ones (ADR 169), authorised by the interaction's token in the path:
 * the callback (types 4 reply, 5 deferred, 6 and 7 component updates) and the original response
 * ({@code GET/PATCH/DELETE /webhooks/{application_id}/{token}/messages/@original}). Follow-ups share the
 * webhook execution route ({@link DiscordWebhooksController#execute}).
 */
@RestController
@RequestMapping({"/api/v10", "/api/v9"})
class DiscordInteractionsController {

    // {interactionToken}, not {token}: the API description then tells an interaction's token from a webhook's
    // ({@code /webhooks/{webhookId}/{token}}), so DiscordFuzzTest can give each route a real one (ADR 275)
    static final String CALLBACK = "/interactions/{interactionId}/{interactionToken}/callback";
    static final String ORIGINAL = "/webhooks/{applicationId}/{interactionToken:" + InteractionTokens.PATTERN
            + "}/messages/@original";

    private final InteractionResponses interactions;

    DiscordInteractionsController(InteractionResponses interactions) {
        this.interactions = interactions;
    }

    /** 204, as Discord without {@code ?with_response=true} (the libraries' default). */
    @PostMapping(CALLBACK)
    ResponseEntity<Void> callback(@PathVariable String interactionId, @PathVariable("interactionToken") String token,
                                  @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DiscordApiException(400, 50109, "The request body contains invalid JSON.");
        }
        if (!body.path("type").isIntegralNumber()) {
            throw DiscordApiException.invalidForm("type", "Value must be one of {4, 5, 6, 7}.");
        }
        JsonNode data = body.path("data");
        interactions.callback(DiscordErrors.snowflake(interactionId, "interaction_id"), token,
                new CallbackRequest(body.path("type").asInt(), data.isMissingNode() ? null : data));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(ORIGINAL)
    ObjectNode original(@PathVariable String applicationId, @PathVariable("interactionToken") String token) {
        return DiscordShapes.message(interactions.original(app(applicationId), token), 0);
    }

    @PatchMapping(ORIGINAL)
    ObjectNode editOriginal(@PathVariable String applicationId, @PathVariable("interactionToken") String token,
                            @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DiscordApiException(400, 50109, "The request body contains invalid JSON.");
        }
        return DiscordShapes.message(interactions.editOriginal(app(applicationId), token, body), 0);
    }

    @DeleteMapping(ORIGINAL)
    ResponseEntity<Void> deleteOriginal(@PathVariable String applicationId, @PathVariable("interactionToken") String token) {
        interactions.deleteOriginal(app(applicationId), token);
        return ResponseEntity.noContent().build();
    }

    private static long app(String applicationId) {
        return DiscordErrors.snowflake(applicationId, "application_id");
    }
}
