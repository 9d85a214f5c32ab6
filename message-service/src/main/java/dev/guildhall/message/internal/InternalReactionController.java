package dev.guildhall.message.internal;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.message.reaction.ReactionService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reactions on the internal write path (ADR 165): bot-service's system bot reacting to a message that triggered
 * an auto-response. Never routed by the gateway; the internal token is required; only the channel's existence
 * is checked, the caller authorised the reaction.
 */
@RestController
class InternalReactionController {

    private final ReactionService reactions;

    InternalReactionController(ReactionService reactions) {
        this.reactions = reactions;
    }

    @PutMapping(InternalApi.MESSAGE_REACTION)
    ResponseEntity<Void> react(@PathVariable String channelId, @PathVariable String messageId,
                               @PathVariable String emoji, @PathVariable String userId) {
        reactions.addAsWriter(Snowflake.parse(userId), Snowflake.parse(channelId), Snowflake.parse(messageId), emoji);
        return ResponseEntity.noContent().build();
    }
}
