package dev.guildhall.server.audit;

import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records administrative changes. Always called inside the transaction that makes the change, so
 * an entry exists exactly when the change does.
 */
@Component
public class AuditLog {

    private final AuditRepository repository;
    private final SnowflakeGenerator ids;
    private final JsonMapper json;

    public AuditLog(AuditRepository repository, SnowflakeGenerator ids, JsonMapper json) {
        this.repository = repository;
        this.ids = ids;
        this.json = json;
    }

    /**
     * @param before the v1 object before the change (null for creations)
     * @param after  the v1 object after the change (null for deletions)
     * @param reason already cleaned with {@link AuditReason#clean}
     */
    public void record(JdbcClient db, long serverId, long actorId, AuditAction action, Long targetId,
                       Object before, Object after, String reason) {
        repository.insert(db, new AuditEntry(ids.next(), serverId, actorId, action.name(), targetId,
                before == null ? null : json.writeValueAsString(before),
                after == null ? null : json.writeValueAsString(after), reason, DbTimes.now()));
    }
}
