package dev.guildhall.bot.autoresponse;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * Request bodies. On create every part is read; on PATCH an absent field keeps its value, and {@code trigger}
 * or {@code response}, when present, replace the whole object. {@code channel_ids: []} means every channel.
 */
public final class AutoResponseRequests {

    private AutoResponseRequests() {
    }

    public record Body(String name, TriggerBody trigger, ResponseBody response, List<String> channelIds,
                       Boolean enabled) {
    }

    public record TriggerBody(String type, String value, Boolean caseSensitive) {
    }

    public record ResponseBody(String content, JsonNode embed, String reaction, Boolean deleteTrigger,
                               Boolean reply) {
    }
}
