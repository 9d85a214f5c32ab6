package dev.guildhall.message.message;

import dev.guildhall.message.attachment.AttachmentView;
import dev.guildhall.message.reaction.ReactionView;
import dev.guildhall.message.user.UserView;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * The v1 message object, as the API returns it and as {@code data} of MESSAGE_CREATE and
 * MESSAGE_UPDATE. Ids are strings. In events, {@code reactions[].me} is false: it is a per-viewer
 * fact.
 *
 * @param serverId    null in a direct-message channel
 * @param attachments the files, with signed links made when this object was (ADR 162)
 * @param embeds      Discord-shaped embeds ({@link Embed}); empty when none
 * @param components  message components as the author gave them; empty when none
 * @param webhookId   the webhook that wrote the message ({@code user_id} and {@code author} are then the
 *                    webhook's, with the name and avatar it gave); null otherwise
 * @param interaction the slash command this message answers; null otherwise
 */
public record MessageView(String messageId, String channelId, String serverId, String userId, UserView author,
                          String content, Instant createdAt, Instant editedAt, ReplyView replyTo,
                          List<AttachmentView> attachments, List<ReactionView> reactions, List<String> mentions,
                          List<String> mentionRoles, boolean mentionEveryone, boolean pinned, String nonce,
                          List<Embed> embeds, JsonNode components, String webhookId, Interaction interaction) {

    /** {@code interaction {interaction_id, name, user_id}}: which command, invoked by whom. */
    public record Interaction(String interactionId, String name, String userId) {
    }
}
