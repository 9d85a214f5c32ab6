package dev.guildhall.message.purge;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns server-service's {@code CHANNEL_DELETE} and {@code SERVER_DELETE} into purge jobs. One
 * consumer group for all instances, from the earliest offset on its first start (deletions made
 * before this existed are cleaned up too); a redelivered event finds its job and adds none. The
 * offset is committed after the job row is, so a crash between the two redelivers the event.
 */
@Component
class DeletionEventsListener {

    private static final Logger log = LoggerFactory.getLogger(DeletionEventsListener.class);

    private final PurgeJobs jobs;
    private final JsonMapper json;

    DeletionEventsListener(PurgeJobs jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    @KafkaListener(id = "message-service-content-purge", topics = Topics.SERVER_EVENTS,
            groupId = "message-service.content-purge", properties = "auto.offset.reset=earliest")
    void onServerEvent(ConsumerRecord<String, String> record) {
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (RuntimeException e) {
            log.debug("unreadable server-event: {}", e.toString());
            return;
        }
        String type = event.path("type").asString("");
        Long serverId = id(event, "server_id");
        long actor = id(event, "user_id") == null ? 0 : id(event, "user_id");
        if (serverId == null) {
            return;
        }
        if (EventTypes.CHANNEL_DELETE.equals(type)) {
            Long channelId = id(event, "channel_id");
            if (channelId != null) {
                jobs.channelDeleted(serverId, channelId, actor);
            }
        } else if (EventTypes.SERVER_DELETE.equals(type)) {
            jobs.serverDeleted(serverId, actor);
        }
    }

    private static Long id(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Long.parseLong(value.asString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
