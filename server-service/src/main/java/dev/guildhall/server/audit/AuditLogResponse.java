package dev.guildhall.server.audit;

import java.util.List;

/** {@code GET /servers/{id}/audit-log}: newest first. */
public record AuditLogResponse(List<AuditEntryResponse> auditLogEntries) {
}
