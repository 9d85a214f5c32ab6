package dev.guildhall.server.audit;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.access.Scope;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.server.config.ServerLimits;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Reading the audit log (VIEW_AUDIT_LOG). */
@Service
public class AuditLogService {

    private final ServerAccess access;
    private final AuditRepository repository;
    private final ServerLimits limits;
    private final JsonMapper json;

    public AuditLogService(ServerAccess access, AuditRepository repository, ServerLimits limits, JsonMapper json) {
        this.access = access;
        this.repository = repository;
        this.limits = limits;
        this.json = json;
    }

    /**
     * @param before     entries older than this entry id (paging)
     * @param actorId    only entries by this user
     * @param actionType only entries of this {@link AuditAction} name
     */
    public AuditLogResponse list(long callerId, long serverId, Long before, Integer limit, Long actorId,
                                 String actionType) {
        Scope scope = access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER);
        scope.actor().require(Permission.VIEW_AUDIT_LOG);
        String action = action(actionType);
        int size = ServerLimits.page(limit, limits.auditPageDefault(), limits.auditPageMax());
        return new AuditLogResponse(repository.page(scope.db(), serverId, before == null ? Long.MAX_VALUE : before,
                        actorId, action, size).stream()
                .map(e -> new AuditEntryResponse(Snowflake.format(e.entryId()), Snowflake.format(e.serverId()),
                        Snowflake.format(e.actorId()), e.actionType(),
                        e.targetId() == null ? null : Snowflake.format(e.targetId()), tree(e.beforeJson()),
                        tree(e.afterJson()), e.reason(), e.createdAt()))
                .toList());
    }

    private static String action(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return AuditAction.valueOf(raw.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Unknown action_type",
                    Map.of("errors", Map.of("action_type", "one of " + Arrays.toString(AuditAction.values()))));
        }
    }

    private JsonNode tree(String value) {
        return value == null ? null : json.readTree(value);
    }
}
