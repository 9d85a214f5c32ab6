package dev.guildhall.bot.autoresponse;

import dev.guildhall.common.id.Snowflake;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** The auto-response object of the API; ids are strings. */
public record AutoResponseView(String autoResponseId, String serverId, String name, TriggerView trigger,
                               ResponseView response, List<String> channelIds, boolean enabled, String createdBy,
                               Instant createdAt, Instant updatedAt) {

    public record TriggerView(String type, String value, boolean caseSensitive) {
    }

    public record ResponseView(String content, JsonNode embed, String reaction, boolean deleteTrigger,
                               boolean reply) {
    }

    static AutoResponseView of(AutoResponse rule) {
        AutoResponse.Trigger t = rule.trigger();
        AutoResponse.Response r = rule.response();
        return new AutoResponseView(Snowflake.format(rule.autoResponseId()), Snowflake.format(rule.serverId()),
                rule.name(), new TriggerView(t.type().wire(), t.value(), t.caseSensitive()),
                new ResponseView(r.content(), r.embed(), r.reaction(), r.deleteTrigger(), r.reply()),
                rule.channelIds().stream().map(Snowflake::format).toList(), rule.enabled(),
                Snowflake.format(rule.createdBy()), rule.createdAt(), rule.updatedAt());
    }
}
