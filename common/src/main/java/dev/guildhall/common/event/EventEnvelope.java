package dev.guildhall.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guildhall.common.id.Snowflake;

import java.time.Instant;

/**
 * What every Kafka event looks like. {@code type} is the dispatch name a client sees
 * ({@code MESSAGE_CREATE}, ...); {@code data} is the v1 object, already serialized as JSON so a
 * consumer can forward it without re-encoding. Consumers are idempotent on {@code event_id}.
 * Ids are decimal strings, as on the public API.
 */
public record EventEnvelope(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("type") String type,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("channel_id") String channelId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("data") Object data) {

    /**
     * The one way to build an envelope: ids are snowflakes (the event id from the producer's
     * {@code SnowflakeGenerator}), formatted as decimal strings; a null server, channel or user
     * stays null (a DM has no server, a presence event no channel).
     */
    public static EventEnvelope of(long eventId, String type, Long serverId, Long channelId, Long userId,
                                   Instant occurredAt, Object data) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an event needs a type");
        }
        return new EventEnvelope(Snowflake.format(eventId), type, format(serverId), format(channelId),
                format(userId), occurredAt, data);
    }

    private static String format(Long id) {
        return id == null ? null : Snowflake.format(id);
    }
}
