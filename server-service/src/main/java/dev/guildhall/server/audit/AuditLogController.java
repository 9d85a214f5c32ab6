package dev.guildhall.server.audit;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditLogController {

    private final AuditLogService auditLog;

    AuditLogController(AuditLogService auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/api/v1/servers/{serverId}/audit-log")
    AuditLogResponse list(Caller caller, @PathVariable String serverId,
                          @RequestParam(required = false) String before,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(name = "user_id", required = false) String userId,
                          @RequestParam(name = "action_type", required = false) String actionType) {
        return auditLog.list(caller.userId(), Snowflake.parse(serverId), before == null ? null : Snowflake.parse(before),
                limit, userId == null ? null : Snowflake.parse(userId), actionType);
    }
}
