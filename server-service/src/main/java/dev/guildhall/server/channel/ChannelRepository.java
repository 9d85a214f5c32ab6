package dev.guildhall.server.channel;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code channels} of a server. */
@Repository
public class ChannelRepository {

    private static final String COLUMNS = "channel_id, server_id, channel_name, channel_type, parent_id, position";
    private static final RowMapper<ChannelRow> ROW = (rs, n) -> {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        return new ChannelRow(rs.getLong("channel_id"), rs.getLong("server_id"), rs.getString("channel_name"),
                ChannelType.valueOf(rs.getString("channel_type").toUpperCase(Locale.ROOT)), parentId,
                rs.getInt("position"));
    };

    public void insert(JdbcClient db, ChannelRow row) {
        db.sql("INSERT INTO channels (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(row.channelId(), row.serverId(), row.name(), row.type().wire(), row.parentId(), row.position(),
                        DbTimes.toDb(DbTimes.now()))
                .update();
    }

    public Optional<ChannelRow> find(JdbcClient db, long serverId, long channelId) {
        return db.sql("SELECT " + COLUMNS + " FROM channels WHERE server_id = ? AND channel_id = ?")
                .params(serverId, channelId).query(ROW).optional();
    }

    /** Every channel of the server, in display order. */
    public List<ChannelRow> findAll(JdbcClient db, long serverId) {
        return db.sql("SELECT " + COLUMNS + " FROM channels WHERE server_id = ? ORDER BY position, channel_id")
                .param(serverId).query(ROW).list();
    }

    public int count(JdbcClient db, long serverId) {
        return db.sql("SELECT COUNT(*) FROM channels WHERE server_id = ?").param(serverId).query(Integer.class).single();
    }

    public int nextPosition(JdbcClient db, long serverId) {
        return db.sql("SELECT COALESCE(MAX(position) + 1, 0) FROM channels WHERE server_id = ?").param(serverId)
                .query(Integer.class).single();
    }

    public void update(JdbcClient db, ChannelRow row) {
        db.sql("UPDATE channels SET channel_name = ?, parent_id = ?, position = ? WHERE server_id = ? AND channel_id = ?")
                .params(row.name(), row.parentId(), row.position(), row.serverId(), row.channelId())
                .update();
    }

    public void delete(JdbcClient db, long serverId, long channelId) {
        db.sql("DELETE FROM channels WHERE server_id = ? AND channel_id = ?").params(serverId, channelId).update();
    }
}
