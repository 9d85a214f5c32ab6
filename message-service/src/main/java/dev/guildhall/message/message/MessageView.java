package dev.guildhall.message.message;

import dev.guildhall.message.attachment.AttachmentView;
import dev.guildhall.message.reaction.ReactionView;
import dev.guildhall.message.user.UserView;

import java.time.Instant;
import java.util.List;

/**
 * The v1 message object, as the API returns it and as {@code data} of MESSAGE_CREATE and
 * MESSAGE_UPDATE. Ids are strings. In events, {@code reactions[].me} is false: it is a per-viewer
 * fact.
 *
 * @param serverId    null in a direct-message channel
 * @param attachments the files, with signed links made when this object was (ADR 162)
 */
public record MessageView(String messageId, String channelId, String serverId, String userId, UserView author,
                          String content, Instant createdAt, Instant editedAt, ReplyView replyTo,
                          List<AttachmentView> attachments, List<ReactionView> reactions, List<String> mentions,
                          List<String> mentionRoles, boolean mentionEveryone, boolean pinned, String nonce) {
}
