package dev.guildhall.websocket.fanout;

import tools.jackson.databind.JsonNode;

/** An {@code EventEnvelope} as read from Kafka, ids parsed; 0 where the envelope has none. */
public record InboundEvent(String topic, String eventId, String type, long serverId, long channelId, long userId,
                           JsonNode data) {
}
