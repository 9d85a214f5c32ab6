package dev.guildhall.server.channel;

import dev.guildhall.common.permission.PermissionOverwrite;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code permission_overwrites}: one allow/deny pair per channel and role or member. */
@Repository
public class OverwriteRepository {

    private static final RowMapper<PermissionOverwrite> ROW = (rs, n) -> new PermissionOverwrite(
            rs.getLong("target_id"), PermissionOverwrite.Type.fromWire(rs.getString("target_type")),
            rs.getLong("allow_bits"), rs.getLong("deny_bits"));

    public List<PermissionOverwrite> forChannel(JdbcClient db, long channelId) {
        return db.sql("SELECT target_id, target_type, allow_bits, deny_bits FROM permission_overwrites"
                        + " WHERE channel_id = ? ORDER BY target_id")
                .param(channelId).query(ROW).list();
    }

    /** Overwrites of every channel of the server, by channel id. */
    public Map<Long, List<PermissionOverwrite>> forServer(JdbcClient db, long serverId) {
        Map<Long, List<PermissionOverwrite>> result = new HashMap<>();
        db.sql("SELECT channel_id, target_id, target_type, allow_bits, deny_bits FROM permission_overwrites"
                        + " WHERE server_id = ? ORDER BY channel_id, target_id")
                .param(serverId)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("channel_id"), k -> new ArrayList<>()).add(new PermissionOverwrite(
                            rs.getLong("target_id"), PermissionOverwrite.Type.fromWire(rs.getString("target_type")),
                            rs.getLong("allow_bits"), rs.getLong("deny_bits")));
                });
        return result;
    }

    public Optional<PermissionOverwrite> find(JdbcClient db, long channelId, long targetId) {
        return db.sql("SELECT target_id, target_type, allow_bits, deny_bits FROM permission_overwrites"
                        + " WHERE channel_id = ? AND target_id = ?")
                .params(channelId, targetId).query(ROW).optional();
    }

    public void upsert(JdbcClient db, long serverId, long channelId, PermissionOverwrite o) {
        db.sql("INSERT INTO permission_overwrites (channel_id, target_id, server_id, target_type, allow_bits, deny_bits)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE target_type = VALUES(target_type),"
                        + " allow_bits = VALUES(allow_bits), deny_bits = VALUES(deny_bits)")
                .params(channelId, o.targetId(), serverId, o.type().wire(), o.allow(), o.deny())
                .update();
    }

    public boolean delete(JdbcClient db, long channelId, long targetId) {
        return db.sql("DELETE FROM permission_overwrites WHERE channel_id = ? AND target_id = ?")
                .params(channelId, targetId).update() == 1;
    }

    public void deleteForChannel(JdbcClient db, long channelId) {
        db.sql("DELETE FROM permission_overwrites WHERE channel_id = ?").param(channelId).update();
    }

    /** Removes every overwrite for a role or member; @return the channels that had one. */
    public List<Long> deleteForTarget(JdbcClient db, long serverId, long targetId) {
        List<Long> channels = new ArrayList<>(db.sql("SELECT channel_id FROM permission_overwrites"
                        + " WHERE server_id = ? AND target_id = ?")
                .params(serverId, targetId).query(Long.class).list());
        db.sql("DELETE FROM permission_overwrites WHERE server_id = ? AND target_id = ?").params(serverId, targetId).update();
        return channels;
    }

    public int count(JdbcClient db, long channelId) {
        return db.sql("SELECT COUNT(*) FROM permission_overwrites WHERE channel_id = ?").param(channelId)
                .query(Integer.class).single();
    }
}
