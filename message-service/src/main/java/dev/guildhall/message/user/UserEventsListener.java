package dev.guildhall.message.user;

import dev.guildhall.common.event.EventTypes;
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
 * Drops a user's cached profile from {@link UserDirectory} when auth-service announces a change (USER_UPDATE on
 * {@code user-events}, keyed by user id), so a message's author shows a new name or avatar on the next read instead
 * of after the cache's TTL. Like the server-events invalidation, each instance consumes with a group of its own from
 * the latest offset (each holds its own cache), and every assignment drops the whole cache: a change published
 * before the listener held its partitions is never seen here.
 */
@Component
class UserEventsListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(UserEventsListener.class);

    private final UserDirectory directory;
    private final JsonMapper json;

    UserEventsListener(UserDirectory directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @KafkaListener(id = "message-service-user-profiles", topics = Topics.USER_EVENTS,
            groupId = "message-service.user-profiles.#{T(java.util.UUID).randomUUID().toString()}",
            properties = "auto.offset.reset=latest")
    void onUserEvent(ConsumerRecord<String, String> record) {
        JsonNode envelope;
        try {
            envelope = json.readTree(record.value());
        } catch (RuntimeException e) {
            log.debug("unreadable user-event: {}", e.toString());
            directory.evictAll();
            return;
        }
        if (!EventTypes.USER_UPDATE.equals(envelope.path("type").asString(""))) {
            return;
        }
        Long userId = userId(envelope.path("data").path("user_id"));
        if (userId == null) {
            userId = userId(envelope.path("user_id"));
        }
        if (userId == null && record.key() != null) {
            userId = userId(json.getNodeFactory().textNode(record.key()));
        }
        if (userId == null) {
            directory.evictAll();
        } else {
            directory.evict(userId);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        directory.evictAll();
    }

    private static Long userId(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        try {
            return Long.parseLong(node.asString(""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
