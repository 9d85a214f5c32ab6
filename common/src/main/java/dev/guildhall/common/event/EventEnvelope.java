package dev.guildhall.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guildhall.common.id.Snowflake;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What every Kafka event looks like. {@code type} is the dispatch name a client sees
 * ({@code MESSAGE_CREATE}, ...); {@code data} is the v1 object, serialized once by the producer so a
 * consumer can forward its JSON as it is. Consumers are idempotent on {@code event_id}.
 * Ids are decimal strings, as on the public API.
 *
 * <p>{@code recipient_ids} is set on events of a channel without a server (a DM): the users who may see
 * it, so a consumer needs no call back to the producer to find them (ADR 130). Absent otherwise.
 *
 * <p>{@code traceparent} is the W3C trace context of the request that caused the event, as CloudEvents'
 * distributed-tracing extension carries it: the outbox relay publishes the event later, on another
 * thread, and continues that trace from here (ADR 172). Absent when there was none.
 */
public record EventEnvelope(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("type") String type,
        @JsonProperty("server_id") String serverId,
        @JsonProperty("channel_id") String channelId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("data") Object data,
        @JsonProperty("recipient_ids") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> recipientIds,
        @JsonProperty("traceparent") @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent) {

    /** An envelope without recipients (any event of a server, or of no channel). */
    public EventEnvelope(String eventId, String type, String serverId, String channelId, String userId,
                         Instant occurredAt, Object data) {
        this(eventId, type, serverId, channelId, userId, occurredAt, data, null, null);
    }

    /** An envelope without trace context. */
    public EventEnvelope(String eventId, String type, String serverId, String channelId, String userId,
                         Instant occurredAt, Object data, List<String> recipientIds) {
        this(eventId, type, serverId, channelId, userId, occurredAt, data, recipientIds, null);
    }

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
                format(userId), occurredAt, data, null, null);
    }

    /** The same event addressed to these users (a DM's participants); null or empty leaves it unaddressed. */
    public EventEnvelope withRecipients(Collection<Long> userIds) {
        List<String> ids = userIds == null || userIds.isEmpty() ? null
                : userIds.stream().distinct().sorted().map(Snowflake::format).toList();
        return new EventEnvelope(eventId, type, serverId, channelId, userId, occurredAt, data, ids, traceparent);
    }

    /** The same event with the W3C {@code traceparent} of the request that caused it (null: none). */
    public EventEnvelope withTraceparent(String w3cTraceparent) {
        return new EventEnvelope(eventId, type, serverId, channelId, userId, occurredAt, data, recipientIds, w3cTraceparent);
    }

    private static String format(Long id) {
        return id == null ? null : Snowflake.format(id);
    }
}
