package dev.guildhall.server.ban;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** {@code bans} of one shard. */
@Repository
public class BanRepository {

    private static final RowMapper<BanRow> ROW = (rs, n) -> new BanRow(rs.getLong("server_id"), rs.getLong("user_id"),
            rs.getString("reason"), rs.getLong("banned_by"), DbTimes.fromDb(rs, "created_at"));

    /** @return false if the user was already banned (the first ban and its reason stay) */
    public boolean insert(JdbcClient db, BanRow row) {
        return db.sql("INSERT IGNORE INTO bans (server_id, user_id, reason, banned_by, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(row.serverId(), row.userId(), row.reason(), row.bannedBy(), DbTimes.toDb(row.createdAt()))
                .update() == 1;
    }

    public boolean exists(JdbcClient db, long serverId, long userId) {
        return db.sql("SELECT COUNT(*) FROM bans WHERE server_id = ? AND user_id = ?").params(serverId, userId)
                .query(Integer.class).single() > 0;
    }

    public Optional<BanRow> find(JdbcClient db, long serverId, long userId) {
        return db.sql("SELECT server_id, user_id, reason, banned_by, created_at FROM bans WHERE server_id = ? AND user_id = ?")
                .params(serverId, userId).query(ROW).optional();
    }

    public List<BanRow> page(JdbcClient db, long serverId, long afterUserId, int limit) {
        return db.sql("SELECT server_id, user_id, reason, banned_by, created_at FROM bans"
                        + " WHERE server_id = ? AND user_id > ? ORDER BY user_id LIMIT ?")
                .params(serverId, afterUserId, limit).query(ROW).list();
    }

    public void delete(JdbcClient db, long serverId, long userId) {
        db.sql("DELETE FROM bans WHERE server_id = ? AND user_id = ?").params(serverId, userId).update();
    }
}
