package dev.guildhall.server.outbox;

/** An event waiting in {@code server_outbox}; {@code payload} is the serialized envelope. */
record OutboxRow(long seq, long serverId, String eventType, String payload) {
}
