package dev.guildhall.message.message;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Discord's documented embed limits, enforced on every write path (send, edit, internal writes):
 * at most 10 embeds; title 256 characters, description 4096, 25 fields with name 256 and value
 * 1024 (both required), footer text 2048, author name 256; 6000 characters of all those texts
 * together across a message's embeds; color 0..0xFFFFFF; urls http(s) (images and icons also
 * {@code attachment://}) of at most 2048 characters; timestamp ISO 8601. Characters are Unicode code
 * points. A violation is {@code VALIDATION_FAILED} with {@code errors} keyed by the field's path,
 * e.g. {@code embeds[0].fields[3].value}.
 */
public final class EmbedRules {

    public static final int MAX_EMBEDS = 10;
    public static final int MAX_TITLE = 256;
    public static final int MAX_DESCRIPTION = 4096;
    public static final int MAX_FIELDS = 25;
    public static final int MAX_FIELD_NAME = 256;
    public static final int MAX_FIELD_VALUE = 1024;
    public static final int MAX_FOOTER = 2048;
    public static final int MAX_AUTHOR_NAME = 256;
    public static final int MAX_TOTAL = 6000;
    public static final int MAX_URL = 2048;

    private EmbedRules() {
    }

    /** @return the embeds as they are stored ({@code type} set to {@code rich}); empty for null */
    public static List<Embed> normalize(List<Embed> embeds) {
        if (embeds == null || embeds.isEmpty()) {
            return List.of();
        }
        if (embeds.size() > MAX_EMBEDS) {
            throw violation("embeds", "at most " + MAX_EMBEDS + " embeds (was " + embeds.size() + ")");
        }
        int total = 0;
        List<Embed> result = new ArrayList<>(embeds.size());
        for (int i = 0; i < embeds.size(); i++) {
            String at = "embeds[" + i + "]";
            Embed e = embeds.get(i);
            if (e == null) {
                throw violation(at, "must be an object");
            }
            total += text(at + ".title", e.title(), MAX_TITLE, false);
            total += text(at + ".description", e.description(), MAX_DESCRIPTION, false);
            url(at + ".url", e.url(), false);
            String timestamp = timestamp(at + ".timestamp", e.timestamp());
            if (e.color() != null && (e.color() < 0 || e.color() > 0xFFFFFF)) {
                throw violation(at + ".color", "must be between 0 and 16777215");
            }
            List<Embed.Field> fields = e.fields() == null ? List.of() : e.fields();
            if (fields.size() > MAX_FIELDS) {
                throw violation(at + ".fields", "at most " + MAX_FIELDS + " fields (was " + fields.size() + ")");
            }
            List<Embed.Field> keptFields = new ArrayList<>(fields.size());
            for (int f = 0; f < fields.size(); f++) {
                Embed.Field field = fields.get(f);
                String fat = at + ".fields[" + f + "]";
                if (field == null) {
                    throw violation(fat, "must be an object");
                }
                total += text(fat + ".name", field.name(), MAX_FIELD_NAME, true);
                total += text(fat + ".value", field.value(), MAX_FIELD_VALUE, true);
                keptFields.add(new Embed.Field(field.name(), field.value(), Boolean.TRUE.equals(field.inline())));
            }
            if (e.footer() != null) {
                total += text(at + ".footer.text", e.footer().text(), MAX_FOOTER, true);
                url(at + ".footer.icon_url", e.footer().iconUrl(), true);
            }
            if (e.author() != null) {
                total += text(at + ".author.name", e.author().name(), MAX_AUTHOR_NAME, true);
                url(at + ".author.url", e.author().url(), false);
                url(at + ".author.icon_url", e.author().iconUrl(), true);
            }
            if (e.image() != null) {
                url(at + ".image.url", required(at + ".image.url", e.image().url()), true);
            }
            if (e.thumbnail() != null) {
                url(at + ".thumbnail.url", required(at + ".thumbnail.url", e.thumbnail().url()), true);
            }
            boolean empty = e.title() == null && e.description() == null && fields.isEmpty() && e.footer() == null
                    && e.author() == null && e.image() == null && e.thumbnail() == null && e.url() == null;
            if (empty) {
                throw violation(at, "must not be empty");
            }
            result.add(new Embed("rich", e.title(), e.description(), e.url(), timestamp, e.color(),
                    keptFields.isEmpty() ? null : keptFields, e.footer(), e.author(), e.image(), e.thumbnail()));
        }
        if (total > MAX_TOTAL) {
            throw violation("embeds", "at most " + MAX_TOTAL + " characters of text in all embeds together (was "
                    + total + ")");
        }
        return List.copyOf(result);
    }

    /** @return the length counted towards the 6000 total */
    private static int text(String path, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                throw violation(path, "is required");
            }
            return 0;
        }
        int length = value.codePointCount(0, value.length());
        if (required && value.isBlank()) {
            throw violation(path, "must not be blank");
        }
        if (length > max) {
            throw violation(path, "must be at most " + max + " characters (was " + length + ")");
        }
        return length;
    }

    private static String required(String path, String value) {
        if (value == null || value.isBlank()) {
            throw violation(path, "is required");
        }
        return value;
    }

    private static void url(String path, String value, boolean attachmentAllowed) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_URL) {
            throw violation(path, "must be at most " + MAX_URL + " characters");
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        boolean ok = lower.startsWith("https://") || lower.startsWith("http://")
                || (attachmentAllowed && lower.startsWith("attachment://"));
        if (!ok) {
            throw violation(path, attachmentAllowed ? "must be an http(s) or attachment:// url" : "must be an http(s) url");
        }
    }

    private static String timestamp(String path, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value).toString();
            } catch (DateTimeParseException again) {
                throw violation(path, "must be an ISO 8601 timestamp");
            }
        }
    }

    static GuildhallException violation(String path, String message) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid " + path + ": " + message,
                Map.of("errors", Map.of(path, message)));
    }
}
