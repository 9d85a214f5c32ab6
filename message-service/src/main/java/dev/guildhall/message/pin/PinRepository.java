package dev.guildhall.message.pin;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code pins} in one shard. */
@Repository
public class PinRepository {

    /** Pinned message ids of the channel, most recently pinned first. */
    public List<Long> messageIds(Shard shard, long channelId) {
        return shard.jdbc().sql("SELECT message_id FROM pins WHERE channel_id = ? ORDER BY pinned_at DESC, message_id DESC")
                .param(channelId)
                .query(Long.class).list();
    }

    /** Counts the channel's pins, locking them so concurrent pins cannot pass the cap together. */
    public int countForUpdate(Shard shard, long channelId) {
        return shard.jdbc().sql("SELECT message_id FROM pins WHERE channel_id = ? FOR UPDATE")
                .param(channelId)
                .query(Long.class).list().size();
    }

    public boolean add(Shard shard, long channelId, long messageId, long userId, Instant at) {
        return shard.jdbc().sql("INSERT IGNORE INTO pins (channel_id, message_id, pinned_by, pinned_at) VALUES (?, ?, ?, ?)")
                .params(channelId, messageId, userId, DbTimes.toDb(at))
                .update() == 1;
    }

    public boolean remove(Shard shard, long channelId, long messageId) {
        return shard.jdbc().sql("DELETE FROM pins WHERE channel_id = ? AND message_id = ?")
                .params(channelId, messageId)
                .update() == 1;
    }

    public Optional<Instant> lastPinnedAt(Shard shard, long channelId) {
        return shard.jdbc().sql("SELECT MAX(pinned_at) AS last FROM pins WHERE channel_id = ?")
                .param(channelId)
                .query((rs, n) -> Optional.ofNullable(DbTimes.fromDb(rs, "last")))
                .single();
    }
}
