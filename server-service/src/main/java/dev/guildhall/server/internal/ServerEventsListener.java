package dev.guildhall.server.internal;

import dev.guildhall.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Drops cached snapshots when any instance changes a server. Each instance has its own consumer
 * group (a random suffix) reading from the latest offset: every instance must see every event,
 * and only events after its start matter to its cache.
 */
@Component
class ServerEventsListener {

    private final SnapshotCache cache;

    ServerEventsListener(SnapshotCache cache) {
        this.cache = cache;
    }

    @KafkaListener(id = "server-service-snapshot-invalidation", topics = Topics.SERVER_EVENTS,
            groupId = "server-service.snapshots.#{T(java.util.UUID).randomUUID().toString()}",
            properties = "auto.offset.reset=latest")
    void onServerEvent(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        try {
            cache.invalidate(Long.parseLong(record.key()));
        } catch (NumberFormatException e) {
            // not a server id: nothing cached under it
        }
    }
}
