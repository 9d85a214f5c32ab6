package dev.guildhall.message.readstate;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

/** {@code read_states} in one shard: the last message each user has read in each channel. */
@Repository
public class ReadStateRepository {

    /** Moves the user's read marker forward to {@code messageId}; never backwards. */
    public void advance(Shard shard, long userId, long channelId, Long serverId, long messageId, Instant at) {
        shard.jdbc().sql("""
                        INSERT INTO read_states (user_id, channel_id, server_id, last_message_id, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE
                            updated_at = IF(VALUES(last_message_id) > last_message_id, VALUES(updated_at), updated_at),
                            last_message_id = GREATEST(last_message_id, VALUES(last_message_id))""")
                .params(userId, channelId, serverId, messageId, DbTimes.toDb(at))
                .update();
    }

    /**
     * Every read state of the user in this shard with its unread count (messages after the marker)
     * and mention count (messages after the marker that mention the user or, effectively, everyone).
     */
    public List<ReadStateView> forUser(Shard shard, long userId) {
        return shard.jdbc().sql("""
                        SELECT rs.channel_id, rs.server_id, rs.last_message_id,
                            (SELECT COUNT(*) FROM messages m
                             WHERE m.channel_id = rs.channel_id AND m.message_id > rs.last_message_id) AS unread,
                            (SELECT COUNT(*) FROM message_mentions mm
                             WHERE mm.channel_id = rs.channel_id AND mm.user_id IN (rs.user_id, 0)
                               AND mm.message_id > rs.last_message_id) AS mentions
                        FROM read_states rs WHERE rs.user_id = ?""")
                .param(userId)
                .query((rs, n) -> {
                    Long server = DbTimes.nullableLong(rs, "server_id");
                    return new ReadStateView(Long.toString(rs.getLong("channel_id")),
                            server == null ? null : Long.toString(server),
                            Long.toString(rs.getLong("last_message_id")), rs.getInt("unread"), rs.getInt("mentions"));
                })
                .list();
    }
}
