package dev.guildhall.server.audit;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/** {@code audit_log} of one shard. */
@Repository
class AuditRepository {

    void insert(JdbcClient db, AuditEntry e) {
        db.sql("INSERT INTO audit_log (entry_id, server_id, actor_id, action_type, target_id, before_json, after_json,"
                        + " reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.entryId(), e.serverId(), e.actorId(), e.actionType(), e.targetId(), e.beforeJson(),
                        e.afterJson(), e.reason(), DbTimes.toDb(e.createdAt()))
                .update();
    }

    /** Newest first, before an entry id, optionally by actor and action. */
    List<AuditEntry> page(JdbcClient db, long serverId, long before, Long actorId, String actionType, int limit) {
        StringBuilder sql = new StringBuilder("SELECT entry_id, server_id, actor_id, action_type, target_id, before_json,"
                + " after_json, reason, created_at FROM audit_log WHERE server_id = :server AND entry_id < :before");
        if (actorId != null) {
            sql.append(" AND actor_id = :actor");
        }
        if (actionType != null) {
            sql.append(" AND action_type = :action");
        }
        sql.append(" ORDER BY entry_id DESC LIMIT :limit");
        JdbcClient.StatementSpec spec = db.sql(sql.toString())
                .param("server", serverId).param("before", before).param("limit", limit);
        if (actorId != null) {
            spec = spec.param("actor", actorId);
        }
        if (actionType != null) {
            spec = spec.param("action", actionType);
        }
        return spec.query((rs, n) -> {
            long target = rs.getLong("target_id");
            Long targetId = rs.wasNull() ? null : target;
            return new AuditEntry(rs.getLong("entry_id"), rs.getLong("server_id"), rs.getLong("actor_id"),
                    rs.getString("action_type"), targetId, rs.getString("before_json"), rs.getString("after_json"),
                    rs.getString("reason"), DbTimes.fromDb(rs, "created_at"));
        }).list();
    }
}
