package dev.guildhall.message.channel;

import dev.guildhall.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * Keeps {@link PermissionCache} and {@link ServerSnapshots} honest: any server-event (channels,
 * members, roles, bans, the server itself) drops what is cached for that server. Each instance
 * consumes with a group of its own from the latest offset, since every instance holds its own
 * cache and only later changes matter to it; invalidating is idempotent, so redelivery is harmless.
 *
 * <p>The events, not the TTL, keep the caches fresh (ADR 239), so nothing cached before this listener holds its
 * partitions may outlive the assignment: an event published before then is never seen here. Every assignment
 * therefore drops both caches (and, through their invalidation epochs, any answer fetched meanwhile).
 */
@Component
class ServerEventsListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ServerEventsListener.class);

    private final PermissionCache permissions;
    private final ServerSnapshots snapshots;
    private final JsonMapper json;

    ServerEventsListener(PermissionCache permissions, ServerSnapshots snapshots, JsonMapper json) {
        this.permissions = permissions;
        this.snapshots = snapshots;
        this.json = json;
    }

    @KafkaListener(id = "message-service-cache-invalidation", topics = Topics.SERVER_EVENTS,
            groupId = "message-service.caches.#{T(java.util.UUID).randomUUID().toString()}",
            properties = "auto.offset.reset=latest")
    void onServerEvent(ConsumerRecord<String, String> record) {
        Long serverId = serverId(record);
        if (serverId == null) {
            permissions.invalidateAll();
            snapshots.invalidateAll();
        } else {
            permissions.invalidateServer(serverId);
            snapshots.invalidate(serverId);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        permissions.invalidateAll();
        snapshots.invalidateAll();
    }

    /** The envelope's {@code server_id}, else the record key (server-events are keyed by server id). */
    private Long serverId(ConsumerRecord<String, String> record) {
        try {
            JsonNode server = json.readTree(record.value()).get("server_id");
            if (server != null && !server.isNull()) {
                return Long.parseLong(server.asString());
            }
        } catch (RuntimeException e) {
            log.debug("unreadable server-event: {}", e.toString());
        }
        try {
            return record.key() == null ? null : Long.parseLong(record.key());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
