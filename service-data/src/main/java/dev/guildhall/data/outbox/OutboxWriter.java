package dev.guildhall.data.outbox;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * Records an event in an outbox inside the caller's transaction on that database, so the event
 * exists exactly when the change it describes was committed (ADR 122). Refuses to write anywhere
 * else: a row written outside that transaction would be published even if the change rolled back.
 * The envelope is serialized here, once; the relay publishes the stored text as it is and is woken
 * when the transaction commits.
 */
public class OutboxWriter {

    private final SnowflakeGenerator ids;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboxSignal signal;
    private final OutboxTracing tracing;

    public OutboxWriter(SnowflakeGenerator ids, JsonMapper json, Clock clock, OutboxSignal signal) {
        this(ids, json, clock, signal, OutboxTracing.none());
    }

    /** @param tracing puts the caller's trace context in every envelope (ADR 172) */
    public OutboxWriter(SnowflakeGenerator ids, JsonMapper json, Clock clock, OutboxSignal signal, OutboxTracing tracing) {
        this.ids = ids;
        this.json = json;
        this.clock = clock;
        this.signal = signal;
        this.tracing = tracing;
    }

    /**
     * @param database  the shard (or global database) whose transaction is open and that holds the table
     * @param key       the Kafka key: events of one key are published in the order they were written
     * @param serverId  null when the event belongs to no server (a DM, a user's profile)
     * @param channelId null when the event is about no channel
     * @param userId    who caused the event, or whom it is about
     * @param data      the v1 object the event carries
     * @return the envelope as it will be published
     * @throws IllegalStateException outside a transaction on {@code database}
     */
    public EventEnvelope append(OutboxTable table, Shard database, long key, String type, Long serverId,
                                Long channelId, Long userId, Object data) {
        return append(table, database, key, type, serverId, channelId, List.of(), userId, data);
    }

    /**
     * As {@link #append(OutboxTable, Shard, long, String, Long, Long, Long, Object)}, for an event whose
     * audience is a list of users rather than a server (a DM's participants): the envelope names them in
     * {@code recipient_ids}, so consumers need not ask who they are (ADR 130).
     */
    public EventEnvelope append(OutboxTable table, Shard database, long key, String type, Long serverId,
                                Long channelId, Collection<Long> recipients, Long userId, Object data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.hasResource(database.dataSource())) {
            throw new IllegalStateException("an outbox row must be written inside the change's transaction on "
                    + database.name());
        }
        // milliseconds, as every outbox stores them (not clock.millis(): a sub-millisecond tick clock divides by zero)
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope envelope = EventEnvelope.of(ids.next(), type, serverId, channelId, userId, now, data)
                .withRecipients(recipients)
                .withTraceparent(tracing.current());
        database.jdbc().sql("INSERT INTO " + table.name() + " (event_id, " + table.keyColumn()
                        + ", event_type, payload, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(Long.parseLong(envelope.eventId()), key, type, json.writeValueAsString(envelope),
                        DbTimes.toDb(now))
                .update();
        int index = database.index();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.wake(table, index);
            }
        });
        return envelope;
    }
}
