package dev.guildhall.message.dm;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.data.db.Shard;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Direct-message channels: the channel row in the shard of its id ({@code message_dm_channels}),
 * and the pair index {@code dm_channels} in the global database (ADR 064).
 */
@Repository
public class DmChannelRepository {

    private final GlobalDatabase global;

    public DmChannelRepository(GlobalDatabase global) {
        this.global = global;
    }

    /** The channel row, from the shard of {@code channelId}. */
    public Optional<DmChannel> find(Shard shard, long channelId) {
        return shard.jdbc().sql("""
                        SELECT channel_id, user_low, user_high, created_at
                        FROM message_dm_channels WHERE channel_id = ?""")
                .param(channelId)
                .query(DmChannelRepository::map)
                .optional();
    }

    /** Writes the channel row unless it exists; true if this call wrote it. */
    public boolean insertIfAbsent(Shard shard, DmChannel channel) {
        return shard.jdbc().sql("""
                        INSERT IGNORE INTO message_dm_channels (channel_id, user_low, user_high, created_at)
                        VALUES (?, ?, ?, ?)""")
                .params(channel.channelId(), channel.userLow(), channel.userHigh(), DbTimes.toDb(channel.createdAt()))
                .update() == 1;
    }

    /** The pair's channel id from the global index. */
    public Optional<DmChannel> findPair(long userLow, long userHigh) {
        return global.jdbc().sql("""
                        SELECT channel_id, user_low, user_high, created_at
                        FROM dm_channels WHERE user_low = ? AND user_high = ?""")
                .params(userLow, userHigh)
                .query(DmChannelRepository::map)
                .optional();
    }

    /** Claims the pair for {@code channel}; false if another channel already holds it. */
    public boolean claimPair(DmChannel channel) {
        return global.jdbc().sql("""
                        INSERT IGNORE INTO dm_channels (user_low, user_high, channel_id, created_at)
                        VALUES (?, ?, ?, ?)""")
                .params(channel.userLow(), channel.userHigh(), channel.channelId(),
                        DbTimes.toDb(channel.createdAt()))
                .update() == 1;
    }

    /** Every DM channel of the user, newest first. */
    public List<DmChannel> listFor(long userId) {
        return global.jdbc().sql("""
                        SELECT channel_id, user_low, user_high, created_at FROM dm_channels WHERE user_low = ?
                        UNION ALL
                        SELECT channel_id, user_low, user_high, created_at FROM dm_channels WHERE user_high = ?
                        ORDER BY channel_id DESC""")
                .params(userId, userId)
                .query(DmChannelRepository::map)
                .list();
    }

    private static DmChannel map(ResultSet rs, int row) throws SQLException {
        Instant created = DbTimes.fromDb(rs, "created_at");
        return new DmChannel(rs.getLong("channel_id"), rs.getLong("user_low"), rs.getLong("user_high"), created);
    }
}
