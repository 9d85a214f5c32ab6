package dev.guildhall.message.message;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code messages}.
 *
 * @param serverId null in a direct-message channel
 */
public record MessageRow(long channelId, long messageId, Long serverId, long authorId, String content,
                         Long replyToId, List<Long> mentionUsers, List<Long> mentionRoles,
                         boolean mentionEveryone, boolean pinned, String nonce, Instant createdAt,
                         Instant editedAt) {

    public MessageRow {
        mentionUsers = List.copyOf(mentionUsers);
        mentionRoles = List.copyOf(mentionRoles);
    }

    MessageRow edited(String newContent, Mentions mentions, boolean everyone, Instant at) {
        return new MessageRow(channelId, messageId, serverId, authorId, newContent, replyToId, mentions.users(),
                mentions.roles(), everyone, pinned, nonce, createdAt, at);
    }
}
