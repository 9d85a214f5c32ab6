package dev.guildhall.server.audit;

import java.time.Instant;

/** A row of {@code audit_log}; before/after are JSON snapshots of the object. */
record AuditEntry(long entryId, long serverId, long actorId, String actionType, Long targetId, String beforeJson,
                  String afterJson, String reason, Instant createdAt) {
}
