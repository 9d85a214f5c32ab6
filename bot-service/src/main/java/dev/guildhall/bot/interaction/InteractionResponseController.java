package dev.guildhall.bot.interaction;

import dev.guildhall.common.id.Snowflake;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The bot's answers, with the interaction's token in the path and no Authorization (Discord's routes). The
 * follow-up routes share {@code /webhooks/{id}/{token}} with webhooks; an interaction token's prefix
 * ({@link InteractionTokens#PATTERN}) tells them apart (the POST through {@link FollowUpForwarding}).
 */
@RestController
public class InteractionResponseController {

    static final String CALLBACK = "/api/v1/interactions/{interactionId}/{token}/callback";
    static final String FOLLOW_UP = "/api/v1/webhooks/{applicationId}/{token:" + InteractionTokens.PATTERN + "}";
    static final String ORIGINAL = FOLLOW_UP + "/messages/@original";
    /** Where {@link FollowUpForwarding} sends a follow-up (its public route is shared with webhooks). */
    static final String FOLLOW_UP_TARGET = "/api/v1/interactions/follow-ups/{applicationId}/{token}";

    private final InteractionResponses responses;

    public InteractionResponseController(InteractionResponses responses) {
        this.responses = responses;
    }

    @PostMapping(CALLBACK)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void callback(@PathVariable String interactionId, @PathVariable String token,
                         @RequestBody CallbackRequest request) {
        responses.callback(Snowflake.parse(interactionId), token, request);
    }

    @PostMapping(FOLLOW_UP_TARGET)
    public JsonNode followUp(@PathVariable String applicationId, @PathVariable String token,
                             @RequestBody JsonNode data) {
        return responses.followUp(Snowflake.parse(applicationId), token, data);
    }

    @PatchMapping(ORIGINAL)
    public JsonNode editOriginal(@PathVariable String applicationId, @PathVariable String token,
                                 @RequestBody JsonNode data) {
        return responses.editOriginal(Snowflake.parse(applicationId), token, data);
    }

    @GetMapping(ORIGINAL)
    public JsonNode original(@PathVariable String applicationId, @PathVariable String token) {
        return responses.original(Snowflake.parse(applicationId), token);
    }
}
