package dev.guildhall.message.outbox;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.message.db.DbTimes;
import dev.guildhall.message.db.Shard;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records an event in the shard's {@code message_outbox} inside the caller's transaction, so the
 * event exists exactly when the change it describes was committed (ADR 062). The envelope is
 * serialized here, once; the relay publishes the stored text as it is, keyed by channel id, and is
 * woken when the transaction commits.
 */
@Component
public class OutboxWriter {

    private final SnowflakeGenerator ids;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboxSignal signal;

    public OutboxWriter(SnowflakeGenerator ids, JsonMapper json, Clock clock, OutboxSignal signal) {
        this.ids = ids;
        this.json = json;
        this.clock = clock;
        this.signal = signal;
    }

    /**
     * @param serverId null for a direct-message channel
     * @param userId   who caused the event
     * @param data     the v1 object the event carries
     * @return the envelope as it will be published
     */
    public EventEnvelope append(Shard shard, String type, long channelId, Long serverId, long userId, Object data) {
        return append(shard, type, channelId, serverId, List.of(), userId, data);
    }

    /**
     * @param recipients a direct-message channel's participants, carried as the envelope's {@code recipient_ids}
     *                   so consumers need not ask who they are; empty for a server's channel
     */
    public EventEnvelope append(Shard shard, String type, long channelId, Long serverId, List<Long> recipients,
                                long userId, Object data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an outbox row must be written inside the change's transaction");
        }
        long eventId = ids.next();
        Instant now = Instant.ofEpochMilli(clock.millis());
        EventEnvelope envelope = new EventEnvelope(Snowflake.format(eventId), type,
                serverId == null ? null : Snowflake.format(serverId), Snowflake.format(channelId),
                Snowflake.format(userId), now, data).withRecipients(recipients);
        shard.jdbc().sql("""
                        INSERT INTO message_outbox (event_id, channel_id, event_type, payload, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(eventId, channelId, type, json.writeValueAsString(envelope), DbTimes.toDb(now))
                .update();
        int index = shard.index();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.wake(index);
            }
        });
        return envelope;
    }
}
