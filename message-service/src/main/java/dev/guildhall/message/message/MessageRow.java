package dev.guildhall.message.message;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code messages}.
 *
 * @param serverId   null in a direct-message channel
 * @param embeds     the embeds' JSON, null when none
 * @param components the components' JSON, null when none
 * @param origin     webhook and interaction the message came from ({@link Origin#NONE} for a user's message)
 */
public record MessageRow(long channelId, long messageId, Long serverId, long authorId, String content,
                         Long replyToId, List<Long> mentionUsers, List<Long> mentionRoles,
                         boolean mentionEveryone, boolean pinned, String nonce, Instant createdAt,
                         Instant editedAt, String embeds, String components, Origin origin) {

    public MessageRow {
        mentionUsers = List.copyOf(mentionUsers);
        mentionRoles = List.copyOf(mentionRoles);
        origin = origin == null ? Origin.NONE : origin;
    }

    MessageRow edited(String newContent, String newEmbeds, String newComponents, Mentions mentions, boolean everyone,
                      Instant at) {
        return new MessageRow(channelId, messageId, serverId, authorId, newContent, replyToId, mentions.users(),
                mentions.roles(), everyone, pinned, nonce, createdAt, at, newEmbeds, newComponents, origin);
    }
}
