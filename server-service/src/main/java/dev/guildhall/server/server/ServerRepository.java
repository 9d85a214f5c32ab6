package dev.guildhall.server.server;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@code servers} in one shard, and removal of everything a server owns there. */
@Repository
public class ServerRepository {

    private static final String COLUMNS = "server_id, server_name, owner_id, icon_url, member_count, created_at";
    private static final RowMapper<ServerRow> ROW = (rs, n) -> new ServerRow(rs.getLong("server_id"),
            rs.getString("server_name"), rs.getLong("owner_id"), rs.getString("icon_url"), rs.getInt("member_count"),
            DbTimes.fromDb(rs, "created_at"));

    public void insert(JdbcClient db, ServerRow row) {
        db.sql("INSERT INTO servers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                .params(row.serverId(), row.serverName(), row.ownerId(), row.iconUrl(), row.memberCount(),
                        DbTimes.toDb(row.createdAt()))
                .update();
    }

    public Optional<ServerRow> find(JdbcClient db, long serverId) {
        return db.sql("SELECT " + COLUMNS + " FROM servers WHERE server_id = ?").param(serverId).query(ROW).optional();
    }

    /**
     * Locks the server row for the rest of the transaction. Every write to a server takes this
     * lock first, so the invariants checked inside a transaction (limits, positions, ownership)
     * cannot be raced by another writer of the same server.
     */
    public Optional<ServerRow> lock(JdbcClient db, long serverId) {
        return db.sql("SELECT " + COLUMNS + " FROM servers WHERE server_id = ? FOR UPDATE").param(serverId)
                .query(ROW).optional();
    }

    public void update(JdbcClient db, ServerRow row) {
        db.sql("UPDATE servers SET server_name = ?, icon_url = ?, owner_id = ? WHERE server_id = ?")
                .params(row.serverName(), row.iconUrl(), row.ownerId(), row.serverId())
                .update();
    }

    public void addMembers(JdbcClient db, long serverId, int delta) {
        db.sql("UPDATE servers SET member_count = member_count + ? WHERE server_id = ?").params(delta, serverId).update();
    }

    /** Those of these servers the user is really a member of (the global index is only a hint). */
    public List<ServerRow> findForMember(JdbcClient db, long userId, Collection<Long> serverIds) {
        if (serverIds.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT s.server_id, s.server_name, s.owner_id, s.icon_url, s.member_count, s.created_at"
                        + " FROM servers s JOIN server_members m ON m.server_id = s.server_id AND m.user_id = :user"
                        + " WHERE s.server_id IN (:ids) ORDER BY s.server_id")
                .param("user", userId)
                .param("ids", serverIds)
                .query(ROW)
                .list();
    }

    /** Deletes the server and every row it owns in this shard (the outbox keeps its events). */
    public void deleteEverything(JdbcClient db, long serverId) {
        for (String table : List.of("member_roles", "server_members", "permission_overwrites", "invites", "bans",
                "audit_log", "roles", "channels", "servers")) {
            db.sql("DELETE FROM " + table + " WHERE server_id = ?").param(serverId).update();
        }
    }
}
