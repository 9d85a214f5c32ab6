package dev.guildhall.server.role;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.server.access.RoleRef;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code roles} of a server. */
@Repository
public class RoleRepository {

    private static final String COLUMNS =
            "role_id, server_id, name, permissions, color, position, hoist, mentionable, managed_by";
    private static final RowMapper<RoleRow> ROW = (rs, n) -> new RoleRow(rs.getLong("role_id"), rs.getLong("server_id"),
            rs.getString("name"), rs.getLong("permissions"), rs.getInt("color"), rs.getInt("position"),
            rs.getBoolean("hoist"), rs.getBoolean("mentionable"), rs.getLong("managed_by"));

    public void insert(JdbcClient db, RoleRow row) {
        db.sql("INSERT INTO roles (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.roleId(), row.serverId(), row.name(), row.permissions(), row.color(), row.position(),
                        row.hoist(), row.mentionable(), row.managed() ? row.managedBy() : null,
                        DbTimes.toDb(DbTimes.now()))
                .update();
    }

    /** Every role of the server, lowest first. */
    public List<RoleRow> findAll(JdbcClient db, long serverId) {
        return db.sql("SELECT " + COLUMNS + " FROM roles WHERE server_id = ? ORDER BY position, role_id")
                .param(serverId).query(ROW).list();
    }

    /** The managed role of a bot in a server (ADR 153). */
    public Optional<RoleRow> findManaged(JdbcClient db, long serverId, long botUserId) {
        return db.sql("SELECT " + COLUMNS + " FROM roles WHERE server_id = ? AND managed_by = ?")
                .params(serverId, botUserId).query(ROW).optional();
    }

    public Optional<RoleRow> find(JdbcClient db, long serverId, long roleId) {
        return db.sql("SELECT " + COLUMNS + " FROM roles WHERE server_id = ? AND role_id = ?")
                .params(serverId, roleId).query(ROW).optional();
    }

    public Map<Long, RoleRef> refs(JdbcClient db, long serverId) {
        Map<Long, RoleRef> refs = new LinkedHashMap<>();
        db.sql("SELECT role_id, position, permissions FROM roles WHERE server_id = ?").param(serverId)
                .query(rs -> {
                    refs.put(rs.getLong("role_id"),
                            new RoleRef(rs.getLong("role_id"), rs.getInt("position"), rs.getLong("permissions")));
                });
        return refs;
    }

    public int count(JdbcClient db, long serverId) {
        return db.sql("SELECT COUNT(*) FROM roles WHERE server_id = ?").param(serverId).query(Integer.class).single();
    }

    public void update(JdbcClient db, RoleRow row) {
        db.sql("UPDATE roles SET name = ?, permissions = ?, color = ?, position = ?, hoist = ?, mentionable = ?"
                        + " WHERE server_id = ? AND role_id = ?")
                .params(row.name(), row.permissions(), row.color(), row.position(), row.hoist(), row.mentionable(),
                        row.serverId(), row.roleId())
                .update();
    }

    public void updatePosition(JdbcClient db, long serverId, long roleId, int position) {
        db.sql("UPDATE roles SET position = ? WHERE server_id = ? AND role_id = ?")
                .params(position, serverId, roleId).update();
    }

    public void delete(JdbcClient db, long serverId, long roleId) {
        db.sql("DELETE FROM roles WHERE server_id = ? AND role_id = ?").params(serverId, roleId).update();
    }
}
