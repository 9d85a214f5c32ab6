package dev.guildhall.server.user;

import tools.jackson.databind.JsonNode;

/** Lenient scalar reads from another service's JSON. */
final class JsonText {

    private JsonText() {
    }

    static String of(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return node.isNumber() || node.isBoolean() ? node.asString() : null;
    }
}
