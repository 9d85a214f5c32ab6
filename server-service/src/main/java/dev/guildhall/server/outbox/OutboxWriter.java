package dev.guildhall.server.outbox;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.server.db.DbTimes;
import dev.guildhall.server.db.Shard;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * Adds an event to the shard's outbox inside the caller's transaction, so the event exists if and
 * only if the change committed; after the commit it tells the relay and the snapshot cache.
 */
@Component
public class OutboxWriter {

    private final OutboxRepository repository;
    private final SnowflakeGenerator ids;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;

    public OutboxWriter(OutboxRepository repository, SnowflakeGenerator ids, JsonMapper json,
                        ApplicationEventPublisher publisher) {
        this.repository = repository;
        this.ids = ids;
        this.json = json;
        this.publisher = publisher;
    }

    /**
     * @param channelId the channel the event is about, if any
     * @param userId    the member the event is about (member events) or the actor
     * @param data      the v1 object (or, for removals, at least the ids)
     */
    public void append(Shard shard, String type, long serverId, Long channelId, Long userId, Object data) {
        long eventId = ids.next();
        Instant now = DbTimes.now();
        EventEnvelope envelope = new EventEnvelope(Snowflake.format(eventId), type, Snowflake.format(serverId),
                channelId == null ? null : Snowflake.format(channelId),
                userId == null ? null : Snowflake.format(userId), now, data);
        repository.insert(shard.jdbc(), eventId, serverId, type, json.writeValueAsString(envelope), now);
        ServerChanged changed = new ServerChanged(serverId, shard.index());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publisher.publishEvent(changed);
                }
            });
        } else {
            publisher.publishEvent(changed);
        }
    }
}
