package dev.guildhall.bot.discord;

import java.util.Map;

/**
 * A refusal in Discord's words: the HTTP status, Discord's numeric JSON error {@code code} and its
 * message, plus headers to send along (a 429's {@code Retry-After} and {@code X-RateLimit-*}).
 */
public class DiscordApiException extends RuntimeException {

    private final int status;
    private final int code;
    private final Map<String, String> headers;
    private final Map<String, Object> errors;

    public DiscordApiException(int status, int code, String message) {
        this(status, code, message, Map.of(), null);
    }

    public DiscordApiException(int status, int code, String message, Map<String, String> headers,
                               Map<String, Object> errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Discord's {@code errors} tree for a form body error (50035), or null. */
    public Map<String, Object> errors() {
        return errors;
    }

    /** 50035 with the field that was wrong, in Discord's {@code errors} shape. */
    public static DiscordApiException invalidForm(String field, String message) {
        return new DiscordApiException(400, 50035, "Invalid Form Body", Map.of(),
                Map.of(field, Map.of("_errors", java.util.List.of(Map.of("code", "BASE_TYPE_INVALID",
                        "message", message)))));
    }
}
