package dev.guildhall.server.invite;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code invites} of one shard. */
@Repository
public class InviteRepository {

    private static final String COLUMNS = "code, server_id, channel_id, inviter_id, max_age, max_uses, uses, created_at, expires_at";
    private static final RowMapper<InviteRow> ROW = (rs, n) -> new InviteRow(rs.getString("code"), rs.getLong("server_id"),
            rs.getLong("channel_id"), rs.getLong("inviter_id"), rs.getInt("max_age"), rs.getInt("max_uses"),
            rs.getInt("uses"), DbTimes.fromDb(rs, "created_at"), DbTimes.fromDb(rs, "expires_at"));

    public void insert(JdbcClient db, InviteRow row) {
        db.sql("INSERT INTO invites (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.code(), row.serverId(), row.channelId(), row.inviterId(), row.maxAge(), row.maxUses(),
                        row.uses(), DbTimes.toDb(row.createdAt()), DbTimes.toDb(row.expiresAt()))
                .update();
    }

    public Optional<InviteRow> find(JdbcClient db, String code) {
        return db.sql("SELECT " + COLUMNS + " FROM invites WHERE code = ?").param(code).query(ROW).optional();
    }

    public Optional<InviteRow> lock(JdbcClient db, String code) {
        return db.sql("SELECT " + COLUMNS + " FROM invites WHERE code = ? FOR UPDATE").param(code).query(ROW).optional();
    }

    public List<InviteRow> forServer(JdbcClient db, long serverId) {
        return db.sql("SELECT " + COLUMNS + " FROM invites WHERE server_id = ? ORDER BY created_at, code")
                .param(serverId).query(ROW).list();
    }

    /** Invites of the server that can still be used: neither expired nor used up (the cap counts these, ADR 209). */
    public int countActive(JdbcClient db, long serverId, Instant now) {
        return db.sql("""
                        SELECT COUNT(*) FROM invites WHERE server_id = ?
                        AND (expires_at IS NULL OR expires_at > ?) AND (max_uses = 0 OR uses < max_uses)""")
                .params(serverId, DbTimes.toDb(now)).query(Integer.class).single();
    }

    public boolean use(JdbcClient db, String code) {
        return db.sql("UPDATE invites SET uses = uses + 1 WHERE code = ? AND (max_uses = 0 OR uses < max_uses)")
                .param(code).update() == 1;
    }

    public void delete(JdbcClient db, String code) {
        db.sql("DELETE FROM invites WHERE code = ?").param(code).update();
    }

    /** Deletes the invites of a channel; @return their codes. */
    public List<String> deleteForChannel(JdbcClient db, long serverId, long channelId) {
        List<String> codes = new ArrayList<>(db.sql("SELECT code FROM invites WHERE server_id = ? AND channel_id = ?")
                .params(serverId, channelId).query(String.class).list());
        db.sql("DELETE FROM invites WHERE server_id = ? AND channel_id = ?").params(serverId, channelId).update();
        return codes;
    }
}
