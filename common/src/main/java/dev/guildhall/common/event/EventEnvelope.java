package dev.guildhall.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

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
}
