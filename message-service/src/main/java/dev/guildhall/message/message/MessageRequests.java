package dev.guildhall.message.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the message endpoints. Content rules are checked by {@link ContentRules}. */
public final class MessageRequests {

    private MessageRequests() {
    }

    /**
     * @param replyTo id of a message of the same channel this one answers
     * @param nonce   the client's token for this send: echoed back, and a retry with the same nonce
     *                within a few minutes returns the original message instead of a duplicate
     */
    public record Send(@NotNull String content, String replyTo, @Size(max = 64) String nonce) {
    }

    public record Edit(@NotNull String content) {
    }
}
