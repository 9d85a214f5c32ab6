package dev.guildhall.server.member;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@code server_members} and {@code member_roles}. */
@Repository
public class MemberRepository {

    private static final RowMapper<MemberRow> ROW = (rs, n) -> new MemberRow(rs.getLong("server_id"),
            rs.getLong("user_id"), rs.getString("nick"), DbTimes.fromDb(rs, "joined_at"));

    /** @return false if the user already was a member */
    public boolean insert(JdbcClient db, MemberRow row) {
        return db.sql("INSERT IGNORE INTO server_members (server_id, user_id, nick, joined_at) VALUES (?, ?, ?, ?)")
                .params(row.serverId(), row.userId(), row.nick(), DbTimes.toDb(row.joinedAt()))
                .update() == 1;
    }

    public Optional<MemberRow> find(JdbcClient db, long serverId, long userId) {
        return db.sql("SELECT server_id, user_id, nick, joined_at FROM server_members WHERE server_id = ? AND user_id = ?")
                .params(serverId, userId).query(ROW).optional();
    }

    public boolean exists(JdbcClient db, long serverId, long userId) {
        return db.sql("SELECT COUNT(*) FROM server_members WHERE server_id = ? AND user_id = ?")
                .params(serverId, userId).query(Integer.class).single() > 0;
    }

    /** Members ordered by user id, after the given one. */
    public List<MemberRow> page(JdbcClient db, long serverId, long afterUserId, int limit) {
        return db.sql("SELECT server_id, user_id, nick, joined_at FROM server_members"
                        + " WHERE server_id = ? AND user_id > ? ORDER BY user_id LIMIT ?")
                .params(serverId, afterUserId, limit).query(ROW).list();
    }

    public void updateNick(JdbcClient db, long serverId, long userId, String nick) {
        db.sql("UPDATE server_members SET nick = ? WHERE server_id = ? AND user_id = ?")
                .params(nick, serverId, userId).update();
    }

    /** Removes the member and their roles; @return false if they were not a member. */
    public boolean delete(JdbcClient db, long serverId, long userId) {
        db.sql("DELETE FROM member_roles WHERE server_id = ? AND user_id = ?").params(serverId, userId).update();
        return db.sql("DELETE FROM server_members WHERE server_id = ? AND user_id = ?")
                .params(serverId, userId).update() == 1;
    }

    /** The member's role ids (without @everyone). */
    public Set<Long> roles(JdbcClient db, long serverId, long userId) {
        return new TreeSet<>(db.sql("SELECT role_id FROM member_roles WHERE server_id = ? AND user_id = ?")
                .params(serverId, userId).query(Long.class).list());
    }

    /** Role ids of each of these members. */
    public Map<Long, Set<Long>> roles(JdbcClient db, long serverId, Collection<Long> userIds) {
        Map<Long, Set<Long>> result = new HashMap<>();
        if (userIds.isEmpty()) {
            return result;
        }
        db.sql("SELECT user_id, role_id FROM member_roles WHERE server_id = :server AND user_id IN (:users)"
                        + " ORDER BY role_id")
                .param("server", serverId).param("users", userIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("user_id"), k -> new LinkedHashSet<>()).add(rs.getLong("role_id"));
                });
        return result;
    }

    /** Every member with their role ids, for snapshots. */
    public Map<Long, Set<Long>> allWithRoles(JdbcClient db, long serverId) {
        Map<Long, Set<Long>> result = new HashMap<>();
        db.sql("SELECT user_id FROM server_members WHERE server_id = ?").param(serverId)
                .query(rs -> {
                    result.put(rs.getLong("user_id"), new LinkedHashSet<>());
                });
        db.sql("SELECT user_id, role_id FROM member_roles WHERE server_id = ? ORDER BY role_id").param(serverId)
                .query(rs -> {
                    Set<Long> roles = result.get(rs.getLong("user_id"));
                    if (roles != null) {
                        roles.add(rs.getLong("role_id"));
                    }
                });
        return result;
    }

    /** @return false if the member already had the role */
    public boolean addRole(JdbcClient db, long serverId, long userId, long roleId) {
        return db.sql("INSERT IGNORE INTO member_roles (server_id, user_id, role_id) VALUES (?, ?, ?)")
                .params(serverId, userId, roleId).update() == 1;
    }

    /** @return false if the member did not have the role */
    public boolean removeRole(JdbcClient db, long serverId, long userId, long roleId) {
        return db.sql("DELETE FROM member_roles WHERE server_id = ? AND user_id = ? AND role_id = ?")
                .params(serverId, userId, roleId).update() == 1;
    }

    /** Takes a role away from everyone; @return the users who had it. */
    public List<Long> removeRoleEverywhere(JdbcClient db, long serverId, long roleId) {
        List<Long> users = new ArrayList<>(db.sql("SELECT user_id FROM member_roles WHERE server_id = ? AND role_id = ?")
                .params(serverId, roleId).query(Long.class).list());
        db.sql("DELETE FROM member_roles WHERE server_id = ? AND role_id = ?").params(serverId, roleId).update();
        return users;
    }
}
