package dev.guildhall.server.audit;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One audit-log entry: {@code user_id} acted, {@code action_type} says what, {@code before} and
 * {@code after} are the object's v1 JSON around the change (null for a creation / deletion).
 */
public record AuditEntryResponse(String id, String serverId, String userId, String actionType, String targetId,
                                 JsonNode before, JsonNode after, String reason, Instant createdAt) {
}
