package dev.guildhall.bot.interaction;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A person invokes a slash command in a channel; the bot hears of it as INTERACTION_CREATE. */
@RestController
public class InteractionController {

    private final InteractionService interactions;

    public InteractionController(InteractionService interactions) {
        this.interactions = interactions;
    }

    @PostMapping("/api/v1/channels/{channelId}/interactions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void invoke(Caller caller, @PathVariable String channelId, DeferredBody<InvokeRequest> request) {
        interactions.invoke(caller, Snowflake.parse(channelId), request);
    }
}
