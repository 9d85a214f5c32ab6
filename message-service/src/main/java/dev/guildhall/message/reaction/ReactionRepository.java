package dev.guildhall.message.reaction;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code reactions} in one shard: one row per (message, emoji, user). */
@Repository
public class ReactionRepository {

    /**
     * Reaction counts of the given messages, each message's emoji in the order they were first
     * used. {@code me} is computed for {@code viewerId}; pass 0 for nobody (events).
     */
    public Map<Long, List<ReactionView>> summaries(Shard shard, long channelId, Collection<Long> messageIds,
                                                   long viewerId) {
        Map<Long, List<ReactionView>> result = new HashMap<>();
        if (messageIds.isEmpty()) {
            return result;
        }
        shard.jdbc().sql("""
                        SELECT message_id, emoji, COUNT(*) AS n, MAX(user_id = :viewer) AS me, MIN(created_at) AS first_at
                        FROM reactions WHERE channel_id = :channel AND message_id IN (:ids)
                        GROUP BY message_id, emoji
                        ORDER BY message_id, first_at, emoji""")
                .param("viewer", viewerId)
                .param("channel", channelId)
                .param("ids", messageIds)
                .query((rs, n) -> {
                    result.computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>())
                            .add(new ReactionView(rs.getString("emoji"), rs.getInt("n"), rs.getInt("me") == 1));
                    return null;
                })
                .list();
        return result;
    }

    public boolean exists(Shard shard, long channelId, long messageId, String emoji, long userId) {
        return shard.jdbc().sql("""
                        SELECT COUNT(*) FROM reactions
                        WHERE channel_id = ? AND message_id = ? AND emoji = ? AND user_id = ?""")
                .params(channelId, messageId, emoji, userId)
                .query(Integer.class).single() > 0;
    }

    public boolean emojiPresent(Shard shard, long channelId, long messageId, String emoji) {
        return !shard.jdbc().sql("SELECT 1 FROM reactions WHERE channel_id = ? AND message_id = ? AND emoji = ? LIMIT 1")
                .params(channelId, messageId, emoji)
                .query(Integer.class).list().isEmpty();
    }

    public int distinctEmoji(Shard shard, long channelId, long messageId) {
        return shard.jdbc().sql("SELECT COUNT(DISTINCT emoji) FROM reactions WHERE channel_id = ? AND message_id = ?")
                .params(channelId, messageId)
                .query(Integer.class).single();
    }

    /** @return whether a row was added (false: the user had already reacted with it) */
    public boolean add(Shard shard, long channelId, long messageId, String emoji, long userId, Instant at) {
        return shard.jdbc().sql("""
                        INSERT IGNORE INTO reactions (channel_id, message_id, emoji, user_id, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(channelId, messageId, emoji, userId, DbTimes.toDb(at))
                .update() == 1;
    }

    public boolean remove(Shard shard, long channelId, long messageId, String emoji, long userId) {
        return shard.jdbc().sql("""
                        DELETE FROM reactions WHERE channel_id = ? AND message_id = ? AND emoji = ? AND user_id = ?""")
                .params(channelId, messageId, emoji, userId)
                .update() == 1;
    }

    /** Users who reacted with the emoji, by ascending user id, after {@code afterUserId}. */
    public List<Long> users(Shard shard, long channelId, long messageId, String emoji, long afterUserId, int limit) {
        return shard.jdbc().sql("""
                        SELECT user_id FROM reactions
                        WHERE channel_id = ? AND message_id = ? AND emoji = ? AND user_id > ?
                        ORDER BY user_id LIMIT ?""")
                .params(channelId, messageId, emoji, afterUserId, limit)
                .query(Long.class).list();
    }
}
