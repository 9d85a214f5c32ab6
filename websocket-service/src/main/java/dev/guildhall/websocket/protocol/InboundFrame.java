package dev.guildhall.websocket.protocol;

import tools.jackson.databind.JsonNode;

/** A decoded client frame; {@code d} is a JSON null node when absent. */
public record InboundFrame(int op, JsonNode d) {
}
