package dev.guildhall.websocket.fanout;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.UUID;

import static dev.guildhall.websocket.protocol.JsonFields.id;

/**
 * Reads {@code {event_id, type, server_id, channel_id, user_id, occurred_at, data}}. {@code data}
 * may be the object itself or a string holding its JSON (producers that forward an outbox row's
 * text); both are accepted. Returns null for anything that is not an envelope.
 */
public final class EventParser {

    private final JsonMapper mapper;

    public EventParser(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public InboundEvent parse(String topic, String value) {
        if (value == null) {
            return null;
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JacksonException e) {
            return null;
        }
        if (root == null || !root.isObject() || !root.path("type").isString()) {
            return null;
        }
        String type = root.path("type").stringValue();
        if (!type.matches("[A-Z_]+")) {
            return null;
        }
        JsonNode data = root.get("data");
        if (data != null && data.isString()) {
            String text = data.stringValue().trim();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    data = mapper.readTree(text);
                } catch (JacksonException e) {
                    return null;
                }
            }
        }
        if (data == null || data.isNull()) {
            data = JsonNodeFactory.instance.objectNode();
        }
        long serverId = id(root, "server_id");
        long channelId = id(root, "channel_id");
        if (serverId == 0) {
            serverId = id(data, "server_id");
        }
        if (channelId == 0) {
            channelId = id(data, "channel_id");
        }
        JsonNode idNode = root.path("event_id");
        String eventId = idNode.isString() || idNode.isNumber() ? idNode.asString() : "";
        // the id names the payload in resume buffers: keep it to a safe alphabet, never empty
        eventId = eventId.replaceAll("[^A-Za-z0-9_.:-]", "_");
        if (eventId.isEmpty()) {
            eventId = "anon-" + UUID.randomUUID();
        }
        return new InboundEvent(topic, eventId, type, serverId, channelId, id(root, "user_id"), data);
    }
}
