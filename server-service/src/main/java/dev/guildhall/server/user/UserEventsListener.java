package dev.guildhall.server.user;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import dev.guildhall.common.id.InvalidIdException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.server.metrics.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Keeps the user read model fresh from auth-service's {@code user-events} (USER_CREATE,
 * USER_UPDATE). One consumer group for all instances: the model lives in the shared global
 * database. Applying an event twice or late is harmless (newest {@code occurred_at} wins).
 */
@Component
class UserEventsListener {

    private static final Logger log = LoggerFactory.getLogger(UserEventsListener.class);

    private final UserProfileRepository profiles;
    private final JsonMapper json;
    private final ServerMetrics metrics;

    UserEventsListener(UserProfileRepository profiles, JsonMapper json, ServerMetrics metrics) {
        this.profiles = profiles;
        this.json = json;
        this.metrics = metrics;
    }

    @KafkaListener(id = "server-service-user-events", groupId = "server-service.user-profiles",
            topics = Topics.USER_EVENTS, autoStartup = "${guildhall.server.consume-user-events:true}")
    void onUserEvent(String value) {
        JsonNode envelope;
        try {
            envelope = json.readTree(value);
        } catch (JacksonException e) {
            log.warn("skipping malformed user event");
            return;
        }
        String type = JsonText.of(envelope.path("type"));
        if (!EventTypes.USER_CREATE.equals(type) && !EventTypes.USER_UPDATE.equals(type)) {
            return;
        }
        JsonNode data = envelope.path("data");
        String id = JsonText.of(data.path("user_id"));
        if (id == null) {
            id = JsonText.of(envelope.path("user_id"));
        }
        try {
            long userId = Snowflake.parse(id);
            profiles.upsert(userId, JsonText.of(data.path("username")), JsonText.of(data.path("avatar_url")),
                    occurredAt(envelope));
            metrics.userEventApplied(type);
        } catch (InvalidIdException e) {
            log.warn("skipping user event without a valid user id");
        }
    }

    private static Instant occurredAt(JsonNode envelope) {
        JsonNode node = envelope.path("occurred_at");
        if (node.isNumber()) {
            return Instant.ofEpochMilli((long) (node.asDouble() * 1000));
        }
        String value = JsonText.of(node);
        if (value != null) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        return DbTimes.now();
    }
}
