package dev.guildhall.websocket.protocol;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Lenient readers for ids and permission bits, which travel as decimal strings (or numbers). */
public final class JsonFields {

    private JsonFields() {
    }

    /** The id in {@code node.field}, or 0 when absent, null or not an id. */
    public static long id(JsonNode node, String field) {
        if (node == null) {
            return 0;
        }
        return id(node.get(field));
    }

    public static long id(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isString()) {
            try {
                return Long.parseLong(value.stringValue().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** Ids of an array of ids, or of objects carrying {@code idField}. */
    public static List<Long> ids(JsonNode array, String idField) {
        List<Long> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (JsonNode element : array) {
            long id = element.isObject() ? id(element, idField) : id(element);
            if (id != 0) {
                out.add(id);
            }
        }
        return out;
    }

    /** Unsigned decimal permission bits (string or number); 0 when absent. */
    public static long bits(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isString() && !value.stringValue().isBlank()) {
            try {
                return Long.parseUnsignedLong(value.stringValue().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** {@code node.field} if it is an object, else {@code node} itself (payloads wrapped or not). */
    public static JsonNode unwrap(JsonNode node, String field) {
        JsonNode inner = node == null ? null : node.get(field);
        return inner != null && inner.isObject() ? inner : node;
    }
}
