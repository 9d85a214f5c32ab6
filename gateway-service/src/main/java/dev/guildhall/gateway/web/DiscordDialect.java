package dev.guildhall.gateway.web;

import dev.guildhall.common.error.ErrorCode;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Discord-compatible REST surface ({@code /api/v10/**}, {@code /api/v9/**}; ADR 177) hears the edge's own refusals
 * in Discord's words, as bot-service's are (ADR 275): {@code {"message": "401: Unauthorized", "code": 0}} — the status
 * and its reason phrase, Discord's code 0 for "no more specific code" — instead of problem+json, which bot libraries
 * cannot read. A 429 is Discord's rate-limit object, {@code {"message": "You are being rate limited.", "retry_after",
 * "global", "code": 0}}; its {@code Retry-After} and {@code Via} headers are the caller's, as on v1.
 */
public final class DiscordDialect {

    private DiscordDialect() {
    }

    /** Whether {@code path} (the raw request path) is on the Discord surface. */
    public static boolean speaks(String path) {
        return path.startsWith("/api/v10/") || path.startsWith("/api/v9/")
                || path.equals("/api/v10") || path.equals("/api/v9");
    }

    /** Discord's error object for a refusal with {@code code}; {@code properties} give a 429 its rate-limit members. */
    public static Map<String, Object> body(ErrorCode code, Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (code.status() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            body.put("message", "You are being rate limited.");
            body.put("retry_after", properties.getOrDefault("retry_after", 1.0));
            body.put("global", properties.getOrDefault("global", false));
        } else {
            HttpStatus status = HttpStatus.resolve(code.status());
            body.put("message", code.status() + ": " + (status == null ? code.title() : status.getReasonPhrase()));
        }
        body.put("code", 0);
        return body;
    }
}
