package dev.guildhall.message.media;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import dev.guildhall.common.id.Snowflake;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the media work of a sent message from its MESSAGE_CREATE on the {@code messages} topic
 * (ADR 193): the send never waits for it. One consumer group for all instances, so each event is
 * handled once (and a redelivery is harmless: the worker records a result only once). A new group
 * starts from the earliest offset, so attachments sent before the worker existed get their media too.
 */
@Component
@ConditionalOnProperty(prefix = "guildhall.media", name = "enabled", havingValue = "true", matchIfMissing = true)
class MediaListener {

    private static final Logger log = LoggerFactory.getLogger(MediaListener.class);

    /** What Tika calls Ogg and Matroska/WebM files sent without a more specific declared type. */
    private static final java.util.Set<String> CONTAINERS = java.util.Set.of("application/ogg", "application/x-matroska");

    private final MediaWorker worker;
    private final JsonMapper json;

    MediaListener(MediaWorker worker, JsonMapper json) {
        this.worker = worker;
        this.json = json;
    }

    @KafkaListener(id = "message-service-media", topics = Topics.MESSAGES, groupId = "message-service.media",
            properties = "auto.offset.reset=earliest")
    void onMessageEvent(ConsumerRecord<String, String> record) {
        JsonNode envelope;
        try {
            envelope = json.readTree(record.value());
        } catch (RuntimeException e) {
            log.debug("unreadable message event: {}", e.toString());
            return;
        }
        if (!EventTypes.MESSAGE_CREATE.equals(envelope.path("type").asString())) {
            return;
        }
        JsonNode data = envelope.path("data");
        JsonNode files = data.path("attachments");
        if (!files.isArray() || files.isEmpty()) {
            return;
        }
        long channelId = Snowflake.parse(data.path("channel_id").asString());
        for (JsonNode file : files) {
            String type = file.path("content_type").asString("");
            if (type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/")
                    || CONTAINERS.contains(type)) {
                worker.process(channelId, Snowflake.parse(file.path("attachment_id").asString()));
            }
        }
    }
}
