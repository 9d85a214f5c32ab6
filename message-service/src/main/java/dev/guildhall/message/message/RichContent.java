package dev.guildhall.message.message;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a message says: its text, embeds and components, checked together. A message needs text, an
 * embed, a component or a file; with any of those the text may be empty (stored as ""). Components
 * are stored and returned as given (Discord's action rows: an array of at most
 * {@value #MAX_COMPONENT_ROWS}), capped at {@value #MAX_COMPONENTS_CHARS} characters of JSON; an empty
 * array is none (JDA sends {@code components: []}).
 *
 * @param components null when the message has none
 */
public record RichContent(String content, List<Embed> embeds, JsonNode components) {

    public static final int MAX_COMPONENT_ROWS = 5;
    public static final int MAX_COMPONENTS_CHARS = 16_384;

    public RichContent {
        embeds = List.copyOf(embeds);
    }

    public static RichContent of(String rawContent, List<Embed> rawEmbeds, JsonNode rawComponents, int maxContent) {
        return of(rawContent, rawEmbeds, rawComponents, maxContent, false);
    }

    /** @param withFiles the message carries files: then, too, the text may be empty (ADR 160) */
    public static RichContent of(String rawContent, List<Embed> rawEmbeds, JsonNode rawComponents, int maxContent,
                                 boolean withFiles) {
        List<Embed> embeds = EmbedRules.normalize(rawEmbeds);
        JsonNode components = components(rawComponents);
        boolean textOptional = withFiles || !embeds.isEmpty() || components != null;
        String content = textOptional && (rawContent == null || rawContent.isBlank()) ? ""
                : ContentRules.normalize(rawContent, maxContent);
        return new RichContent(content, embeds, components);
    }

    static JsonNode components(JsonNode raw) {
        if (raw == null || raw.isNull() || raw.isMissingNode() || (raw.isArray() && raw.isEmpty())) {
            return null;
        }
        if (!raw.isArray()) {
            throw EmbedRules.violation("components", "must be an array of action rows");
        }
        if (raw.size() > MAX_COMPONENT_ROWS) {
            throw EmbedRules.violation("components", "at most " + MAX_COMPONENT_ROWS + " rows");
        }
        for (JsonNode row : raw) {
            if (!row.isObject()) {
                throw EmbedRules.violation("components", "every row must be an object");
            }
        }
        if (raw.toString().length() > MAX_COMPONENTS_CHARS) {
            throw EmbedRules.violation("components", "at most " + MAX_COMPONENTS_CHARS + " characters of JSON");
        }
        return raw;
    }
}
