package dev.guildhall.websocket.fanout;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static dev.guildhall.websocket.protocol.JsonFields.id;

/**
 * Reads {@code {event_id, type, server_id, channel_id, user_id, occurred_at, data, recipient_ids}} with a
 * streaming parser: the envelope's fields are read, {@code data} is only skipped over and kept as the
 * producer's JSON text, which the dispatch frame then carries as it is (ADR 131). {@code data} may also be a
 * string holding its JSON (producers that forward an outbox row's text); it is then checked once. Returns null
 * for anything that is not an envelope.
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
        Envelope e = new Envelope();
        try (JsonParser p = mapper.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                switch (name) {
                    case "type" -> {
                        e.type = token == JsonToken.VALUE_STRING ? p.getString() : null;
                        p.skipChildren();
                    }
                    case "event_id" -> e.eventId = scalarText(p, token);
                    case "server_id" -> e.serverId = scalarId(p, token);
                    case "channel_id" -> e.channelId = scalarId(p, token);
                    case "user_id" -> e.userId = scalarId(p, token);
                    case "recipient_ids" -> e.recipients = ids(p, token);
                    case "occurred_at" -> e.occurredAt = instant(p, token);
                    case "data" -> {
                        if (!readData(p, token, value, e)) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (JacksonException ex) {
            return null;
        }
        if (e.type == null || !e.type.matches("[A-Z_]+")) {
            return null;
        }
        if (e.data == null) {
            e.data = "{}";
        }
        InboundEvent event = new InboundEvent(topic, safeId(e.eventId), e.type, e.serverId, e.channelId, e.userId,
                e.recipients, e.data, e.occurredAt);
        if (e.serverId == 0 && e.recipients.isEmpty() || e.channelId == 0) {
            // older producers left the ids only in data: look there (the one case where data is read here)
            long serverId = e.serverId != 0 ? e.serverId : idInData(event, "server_id");
            long channelId = e.channelId != 0 ? e.channelId : idInData(event, "channel_id");
            if (serverId != e.serverId || channelId != e.channelId) {
                return new InboundEvent(topic, event.eventId(), e.type, serverId, channelId, e.userId, e.recipients,
                        e.data, e.occurredAt);
            }
        }
        return event;
    }

    /** Keeps {@code data}'s JSON text; false when it is a string that does not hold JSON it claims to. */
    private boolean readData(JsonParser p, JsonToken token, String envelope, Envelope e) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            int start = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int end = (int) p.currentLocation().getCharOffset();
            e.data = envelope.substring(start, end);
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            e.data = null;
            return true;
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getString().trim();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    mapper.readTree(text); // checked, not re-encoded
                } catch (JacksonException ex) {
                    return false;
                }
                e.data = text;
                return true;
            }
        }
        e.data = mapper.writeValueAsString(p.readValueAsTree());
        return true;
    }

    private static long idInData(InboundEvent event, String field) {
        try {
            return id(event.data(), field);
        } catch (JacksonException ex) {
            return 0;
        }
    }

    /** The text of a string or number; null (after skipping it) for anything else. */
    private static String scalarText(JsonParser p, JsonToken token) {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }

    private static long scalarId(JsonParser p, JsonToken token) {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getString().trim());
            } catch (NumberFormatException ex) {
                return 0;
            }
        }
        p.skipChildren();
        return 0;
    }

    /**
     * {@code occurred_at} as epoch milliseconds: an ISO-8601 instant (Jackson's default for {@code Instant}) or
     * a number (seconds with a fraction, or milliseconds); 0 when absent or unreadable (the event is still
     * delivered, it is only left out of the delivery-latency timer).
     */
    private static long instant(JsonParser p, JsonToken token) {
        try {
            if (token == JsonToken.VALUE_STRING) {
                return Instant.parse(p.getString().trim()).toEpochMilli();
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = p.getDoubleValue();
                // below 1e11 it cannot be milliseconds of this century: seconds
                return (long) (value < 1e11 ? value * 1000 : value);
            }
        } catch (DateTimeParseException | JacksonException ex) {
            return 0;
        }
        p.skipChildren();
        return 0;
    }

    private static Set<Long> ids(JsonParser p, JsonToken token) {
        Set<Long> ids = new HashSet<>();
        if (token != JsonToken.START_ARRAY) {
            p.skipChildren();
            return ids;
        }
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            long id = scalarId(p, t);
            if (id != 0) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The id names the payload in resume buffers: keep it to a safe alphabet, never empty. */
    private static String safeId(String raw) {
        String eventId = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9_.:-]", "_");
        return eventId.isEmpty() ? "anon-" + UUID.randomUUID() : eventId;
    }

    private static final class Envelope {
        String type;
        String eventId;
        long serverId;
        long channelId;
        long userId;
        Set<Long> recipients = Set.of();
        String data;
        long occurredAt;
    }
}
