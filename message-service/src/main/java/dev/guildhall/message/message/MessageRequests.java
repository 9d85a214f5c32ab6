package dev.guildhall.message.message;

import dev.guildhall.message.attachment.AttachmentRequests;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * Request bodies of the message endpoints. Content, embed and component rules are checked by
 * {@link RichContent} (text, an embed, a component or a file is required).
 */
public final class MessageRequests {

    private MessageRequests() {
    }

    /**
     * @param replyTo id of a message of the same channel this one answers
     * @param nonce   the client's token for this send: echoed back, and a retry with the same nonce
     *                within a few minutes returns the original message instead of a duplicate
     * @param attachments uploads of the sender in this channel (ADR 160); with them, content may be empty
     */
    public record Send(String content, String replyTo, @Size(max = 64) String nonce, List<Embed> embeds,
                       JsonNode components, @Valid List<AttachmentRequests.@NotNull @Valid Ref> attachments) {

        public Send(String content, String replyTo, String nonce) {
            this(content, replyTo, nonce, null, null, null);
        }
    }

    /** Each part given replaces the stored one; parts left out (null) stay as they were. */
    public record Edit(String content, List<Embed> embeds, JsonNode components) {
    }
}
