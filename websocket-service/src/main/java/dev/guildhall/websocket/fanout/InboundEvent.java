package dev.guildhall.websocket.fanout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * An {@code EventEnvelope} as read from Kafka, ids parsed; 0 where the envelope has none. {@code data} is kept
 * as the producer's JSON text and forwarded to clients as it is; it is parsed only when routing needs one of its
 * fields ({@link #data()}: server-events that update the permission cache, presence, a DM's CHANNEL_CREATE).
 */
public final class InboundEvent {

    private static final JsonMapper TREES = JsonMapper.builder().build();

    private final String topic;
    private final String eventId;
    private final String type;
    private final long serverId;
    private final long channelId;
    private final long userId;
    private final Set<Long> recipients;
    private final String rawData;
    private final long occurredAtMillis;
    private volatile JsonNode data;

    /**
     * @param recipients the envelope's {@code recipient_ids}: who sees an event of a channel without a server
     * @param rawData    {@code data} exactly as the producer serialized it
     */
    public InboundEvent(String topic, String eventId, String type, long serverId, long channelId, long userId,
                        Set<Long> recipients, String rawData) {
        this(topic, eventId, type, serverId, channelId, userId, recipients, rawData, 0);
    }

    /** @param occurredAtMillis the envelope's {@code occurred_at} (epoch ms); 0 when it has none */
    public InboundEvent(String topic, String eventId, String type, long serverId, long channelId, long userId,
                        Set<Long> recipients, String rawData, long occurredAtMillis) {
        this.occurredAtMillis = occurredAtMillis;
        this.topic = topic;
        this.eventId = eventId;
        this.type = type;
        this.serverId = serverId;
        this.channelId = channelId;
        this.userId = userId;
        this.recipients = recipients == null ? Set.of() : Set.copyOf(recipients);
        this.rawData = rawData;
    }

    /** An event whose data is already a tree (tests); it is encoded when framed. */
    public InboundEvent(String topic, String eventId, String type, long serverId, long channelId, long userId,
                        JsonNode data) {
        this(topic, eventId, type, serverId, channelId, userId, Set.of(), null);
        this.data = data;
    }

    /** When the producer created the event (the envelope's {@code occurred_at}, epoch ms); 0 if unknown. */
    public long occurredAtMillis() {
        return occurredAtMillis;
    }

    public String topic() {
        return topic;
    }

    public String eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public long serverId() {
        return serverId;
    }

    public long channelId() {
        return channelId;
    }

    public long userId() {
        return userId;
    }

    /** The envelope's {@code recipient_ids} (a DM's participants); empty when it names none. */
    public Set<Long> recipients() {
        return recipients;
    }

    /** {@code data} as a tree, parsed on first use. */
    public JsonNode data() {
        JsonNode tree = data;
        if (tree == null) {
            tree = TREES.readTree(rawData);
            data = tree;
        }
        return tree;
    }

    /** {@code data} as the bytes a dispatch frame carries: the producer's JSON, not re-encoded. */
    public byte[] dataJson() {
        return rawData != null ? rawData.getBytes(StandardCharsets.UTF_8) : TREES.writeValueAsBytes(data);
    }

    @Override
    public String toString() {
        return type + " " + eventId + " on " + topic;
    }
}
