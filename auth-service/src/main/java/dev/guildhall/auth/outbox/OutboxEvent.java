package dev.guildhall.auth.outbox;

import java.time.Instant;

/** One row of {@code auth_outbox}: an event waiting to be (or already) published. */
public record OutboxEvent(long eventId, String topic, String key, String type, String payload, Instant createdAt,
                          int attempts) {
}
