package dev.guildhall.bot.interaction;

import tools.jackson.databind.JsonNode;

import java.util.List;

/** A person invoking a command: {@code POST /channels/{channel_id}/interactions}. */
public record InvokeRequest(String applicationId, String name, List<Option> options) {

    /** An option as the person filled it in; its type comes from the registered command. */
    public record Option(String name, JsonNode value) {
    }
}
