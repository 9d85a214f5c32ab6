package dev.guildhall.bot.autoresponse;

import com.google.re2j.PatternSyntaxException;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.InvalidIdException;
import dev.guildhall.common.id.Snowflake;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns a request body (over the stored rule, for PATCH) into a valid rule's parts, or answers 400
 * {@code VALIDATION_FAILED} naming every wrong field in {@code errors}.
 */
@Component
class AutoResponseValidator {

    static final int KEYWORD_MAX = 100;
    static final int COMMAND_MAX = 32;
    static final int CONTENT_MAX = 2000;
    static final int REACTION_MAX = 64;
    static final int CHANNELS_MAX = 50;
    /** Discord's limits on one embed. */
    static final int EMBED_TITLE_MAX = 256;
    static final int EMBED_DESCRIPTION_MAX = 4096;
    static final int EMBED_TOTAL_MAX = 6000;

    private final AutoResponseProperties properties;

    AutoResponseValidator(AutoResponseProperties properties) {
        this.properties = properties;
    }

    /** A rule's parts after validation. */
    record Parts(String name, AutoResponse.Trigger trigger, AutoResponse.Response response, List<Long> channelIds,
                 boolean enabled) {
    }

    Parts create(AutoResponseRequests.Body body) {
        if (body == null) {
            throw invalid(Map.of("body", "required"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String name = name(body.name(), errors);
        AutoResponse.Trigger trigger = body.trigger() == null ? missing(errors, "trigger") : trigger(body.trigger(), errors);
        AutoResponse.Response response = body.response() == null ? missing(errors, "response")
                : response(body.response(), errors);
        List<Long> channels = channels(body.channelIds(), errors);
        return done(errors, new Parts(name, trigger, response, channels == null ? List.of() : channels,
                body.enabled() == null || body.enabled()));
    }

    Parts update(AutoResponse current, AutoResponseRequests.Body body) {
        if (body == null) {
            throw invalid(Map.of("body", "required"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String name = body.name() == null ? current.name() : name(body.name(), errors);
        AutoResponse.Trigger trigger = body.trigger() == null ? current.trigger() : trigger(body.trigger(), errors);
        AutoResponse.Response response = body.response() == null ? current.response()
                : response(body.response(), errors);
        List<Long> channels = channels(body.channelIds(), errors);
        return done(errors, new Parts(name, trigger, response, channels == null ? current.channelIds() : channels,
                body.enabled() == null ? current.enabled() : body.enabled()));
    }

    private static Parts done(Map<String, String> errors, Parts parts) {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return parts;
    }

    private static String name(String raw, Map<String, String> errors) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > AutoResponse.NAME_MAX) {
            errors.put("name", "1 to " + AutoResponse.NAME_MAX + " characters");
        }
        return name;
    }

    private AutoResponse.Trigger trigger(AutoResponseRequests.TriggerBody body, Map<String, String> errors) {
        AutoResponse.TriggerType type = AutoResponse.TriggerType.fromWire(body.type());
        if (type == null) {
            errors.put("trigger.type", "one of prefix_command, keyword, regex");
        }
        boolean caseSensitive = Boolean.TRUE.equals(body.caseSensitive());
        String value = body.value() == null ? "" : body.value();
        if (type == AutoResponse.TriggerType.PREFIX_COMMAND) {
            value = value.strip();
            if (value.isEmpty() || value.length() > COMMAND_MAX || value.codePoints().anyMatch(Character::isWhitespace)) {
                errors.put("trigger.value", "a command of 1 to " + COMMAND_MAX + " characters without spaces, like !rules");
            }
        } else if (type == AutoResponse.TriggerType.KEYWORD) {
            value = value.strip();
            if (value.isEmpty() || value.length() > KEYWORD_MAX) {
                errors.put("trigger.value", "1 to " + KEYWORD_MAX + " characters");
            }
        } else if (type == AutoResponse.TriggerType.REGEX) {
            if (value.isEmpty() || value.length() > properties.maxPatternLength()) {
                errors.put("trigger.value", "a pattern of 1 to " + properties.maxPatternLength() + " characters");
            } else {
                try {
                    CompiledRule.compile(value, caseSensitive);
                } catch (PatternSyntaxException e) {
                    errors.put("trigger.value", "not a valid RE2 pattern: " + e.getDescription());
                }
            }
        }
        return new AutoResponse.Trigger(type, value, caseSensitive);
    }

    private static AutoResponse.Response response(AutoResponseRequests.ResponseBody body, Map<String, String> errors) {
        String content = body.content() == null || body.content().isBlank() ? null : body.content().strip();
        if (content != null && content.length() > CONTENT_MAX) {
            errors.put("response.content", "at most " + CONTENT_MAX + " characters");
        }
        JsonNode embed = body.embed() == null || body.embed().isNull() ? null : body.embed();
        if (embed != null) {
            embed(embed, errors);
        }
        String reaction = body.reaction() == null || body.reaction().isBlank() ? null : body.reaction().strip();
        if (reaction != null && (reaction.length() > REACTION_MAX
                || reaction.codePoints().anyMatch(Character::isWhitespace))) {
            errors.put("response.reaction", "one emoji");
        }
        boolean delete = Boolean.TRUE.equals(body.deleteTrigger());
        boolean reply = Boolean.TRUE.equals(body.reply());
        if (content == null && embed == null && reaction == null && !delete) {
            errors.put("response", "needs content, embed, reaction or delete_trigger");
        }
        if (reply && content == null && embed == null) {
            errors.put("response.reply", "a reply needs content or an embed");
        }
        if (reply && delete) {
            errors.put("response.reply", "cannot reply to a message that is deleted");
        }
        return new AutoResponse.Response(content, embed, reaction, delete, reply);
    }

    private static void embed(JsonNode embed, Map<String, String> errors) {
        if (!embed.isObject()) {
            errors.put("response.embed", "an embed object");
            return;
        }
        JsonNode title = embed.get("title");
        if (title != null && !title.isNull() && (!title.isString() || title.asString().length() > EMBED_TITLE_MAX)) {
            errors.put("response.embed.title", "at most " + EMBED_TITLE_MAX + " characters");
        }
        JsonNode description = embed.get("description");
        if (description != null && !description.isNull()
                && (!description.isString() || description.asString().length() > EMBED_DESCRIPTION_MAX)) {
            errors.put("response.embed.description", "at most " + EMBED_DESCRIPTION_MAX + " characters");
        }
        if (embed.toString().length() > EMBED_TOTAL_MAX) {
            errors.put("response.embed", "at most " + EMBED_TOTAL_MAX + " characters in all");
        }
    }

    /** Null when absent (PATCH keeps the stored list); empty = every channel. */
    private static List<Long> channels(List<String> raw, Map<String, String> errors) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > CHANNELS_MAX) {
            errors.put("channel_ids", "at most " + CHANNELS_MAX + " channels");
            return List.of();
        }
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        for (String id : raw) {
            try {
                ids.add(Snowflake.parse(id));
            } catch (InvalidIdException | NullPointerException e) {
                errors.put("channel_ids", "channel ids");
            }
        }
        return new ArrayList<>(ids);
    }

    private static <T> T missing(Map<String, String> errors, String field) {
        errors.put(field, "required");
        return null;
    }

    private static GuildhallException invalid(Map<String, String> errors) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid auto-response",
                Map.of("errors", errors));
    }
}
