package dev.guildhall.data.outbox;

import dev.guildhall.data.db.Shard;

import java.time.Duration;

/**
 * Told what the relay did, for a service's own meters next to the library's {@code outbox.*}
 * ones. Called on the relay's thread: keep it quick.
 */
public interface OutboxListener {

    /** @param lag from the commit of the row to Kafka's acknowledgement */
    default void delivered(OutboxTable table, Shard database, Duration lag) {
    }

    default void published(OutboxTable table, Shard database, int rows) {
    }

    default void failed(OutboxTable table, Shard database, int rows) {
    }
}
