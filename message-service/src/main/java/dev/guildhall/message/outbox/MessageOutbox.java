package dev.guildhall.message.outbox;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.event.Topics;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.outbox.OutboxTable;
import dev.guildhall.data.outbox.OutboxWriter;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * message-service's outbox: {@code message_outbox} in every shard, published to {@code messages}
 * keyed by channel id (ADR 062), written and relayed by service-data (ADR 122).
 */
@Component
public class MessageOutbox {

    /** The table, as this service's shard migrations create it. */
    public static final OutboxTable TABLE =
            new OutboxTable("message_outbox", "channel_id", Topics.MESSAGES, OutboxTable.Scope.SHARDS);

    private final OutboxWriter writer;

    public MessageOutbox(OutboxWriter writer) {
        this.writer = writer;
    }

    /**
     * Records the event inside the caller's transaction on {@code shard}.
     *
     * @param serverId null for a direct-message channel
     * @param userId   who caused the event
     * @param data     the v1 object the event carries
     * @return the envelope as it will be published
     */
    public EventEnvelope append(Shard shard, String type, long channelId, Long serverId, long userId, Object data) {
        return writer.append(TABLE, shard, channelId, type, serverId, channelId, userId, data);
    }

    /**
     * @param recipients a direct-message channel's participants, carried as the envelope's {@code recipient_ids}
     *                   so consumers need not ask who they are (ADR 130); empty for a server's channel
     */
    public EventEnvelope append(Shard shard, String type, long channelId, Long serverId, Collection<Long> recipients,
                                long userId, Object data) {
        return writer.append(TABLE, shard, channelId, type, serverId, channelId, recipients, userId, data);
    }
}
