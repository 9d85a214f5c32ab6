package dev.guildhall.websocket.presence;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import dev.guildhall.common.id.SnowflakeGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

/**
 * PRESENCE_UPDATE {@code {user_id, status}} on {@code presence}, keyed by user id. Every node
 * (this one included) consumes it and delivers it to members of servers the user is in.
 */
public final class KafkaPresencePublisher implements PresencePublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaPresencePublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper mapper;
    private final SnowflakeGenerator ids;

    public KafkaPresencePublisher(KafkaTemplate<String, String> kafka, JsonMapper mapper, SnowflakeGenerator ids) {
        this.kafka = kafka;
        this.mapper = mapper;
        this.ids = ids;
    }

    @Override
    public void publish(long userId, String visibleStatus) {
        String user = Long.toString(userId);
        EventEnvelope envelope = EventEnvelope.of(ids.next(), EventTypes.PRESENCE_UPDATE, null, null, userId,
                Instant.now(), Map.of("user_id", user, "status", visibleStatus));
        try {
            kafka.send(Topics.PRESENCE, user, mapper.writeValueAsString(envelope))
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            log.warn("presence of user {} not published: {}", userId, error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            // presence is best effort: a Kafka outage must not break heartbeats or closes
            log.warn("presence of user {} not published: {}", userId, e.toString());
        }
    }
}
