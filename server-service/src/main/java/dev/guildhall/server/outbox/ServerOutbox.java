package dev.guildhall.server.outbox;

import dev.guildhall.common.event.Topics;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.outbox.OutboxTable;
import dev.guildhall.data.outbox.OutboxWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * server-service's outbox: {@code server_outbox} in every shard, published to
 * {@code server-events} keyed by server id (ADR 023), written and relayed by service-data
 * (ADR 122). After the commit it also tells this instance's snapshot cache ({@link ServerChanged}).
 */
@Component
public class ServerOutbox {

    /** The table, as this service's shard migrations create it. */
    public static final OutboxTable TABLE =
            new OutboxTable("server_outbox", "server_id", Topics.SERVER_EVENTS, OutboxTable.Scope.SHARDS);

    private final OutboxWriter writer;
    private final ApplicationEventPublisher publisher;

    public ServerOutbox(OutboxWriter writer, ApplicationEventPublisher publisher) {
        this.writer = writer;
        this.publisher = publisher;
    }

    /**
     * Records the event inside the caller's transaction on {@code shard}.
     *
     * @param channelId the channel the event is about, if any
     * @param userId    the member the event is about (member events) or the actor
     * @param data      the v1 object (or, for removals, at least the ids)
     */
    public void append(Shard shard, String type, long serverId, Long channelId, Long userId, Object data) {
        writer.append(TABLE, shard, serverId, type, serverId, channelId, userId, data);
        ServerChanged changed = new ServerChanged(serverId, shard.index());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publisher.publishEvent(changed);
            }
        });
    }
}
