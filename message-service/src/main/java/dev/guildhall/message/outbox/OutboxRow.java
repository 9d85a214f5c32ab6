package dev.guildhall.message.outbox;

import java.time.Instant;

/** A row of {@code message_outbox} waiting to be published. */
record OutboxRow(long seq, long eventId, long channelId, String type, String payload, Instant createdAt) {
}
