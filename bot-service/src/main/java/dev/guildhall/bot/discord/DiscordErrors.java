package dev.guildhall.bot.discord;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.InvalidIdException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.ratelimit.RateLimitedException;
import dev.guildhall.support.web.ErrorDialect;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors on the Discord surface in Discord's JSON: {@code {code, message, errors?}} with Discord's numeric
 * codes, and a 429 with an integer {@code Retry-After}, {@code X-RateLimit-*} and a {@code Via} header
 * (discord.js takes a 429 without {@code Via} for a proxy's and waits it out globally). As the service's
 * {@link ErrorDialect} it also words the refusals made before any controller runs on {@code /api/v10} and
 * {@code /api/v9} (a malformed query, path or {@code Content-Type}; ADR 271).
 */
@RestControllerAdvice(basePackageClasses = DiscordErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DiscordErrors implements ErrorDialect {

    static final String VIA = "1.1 guildhall";
    /** Discord's "Invalid Webhook Token". */
    static final int INVALID_WEBHOOK_TOKEN = 50027;

    /** Discord's JSON error codes for Guildhall's stable codes. */
    private static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("UNKNOWN_SERVER", 10004),
            Map.entry("UNKNOWN_CHANNEL", 10003),
            Map.entry("UNKNOWN_MEMBER", 10007),
            Map.entry("UNKNOWN_MESSAGE", 10008),
            Map.entry("UNKNOWN_ROLE", 10011),
            Map.entry("UNKNOWN_USER", 10013),
            Map.entry("UNKNOWN_INVITE", 10006),
            Map.entry("UNKNOWN_OVERWRITE", 10009),
            Map.entry("UNKNOWN_APPLICATION", 10002),
            Map.entry("MISSING_PERMISSIONS", 50013),
            Map.entry("ROLE_HIERARCHY", 50013),
            Map.entry("NOT_MESSAGE_AUTHOR", 50005),
            Map.entry("BOT_NOT_ALLOWED", 20001),
            Map.entry("VALIDATION_FAILED", 50035),
            Map.entry("INVALID_ID", 50035),
            Map.entry("MALFORMED_JSON", 50109),
            Map.entry("UNKNOWN_WEBHOOK", 10015),
            Map.entry("UNKNOWN_COMMAND", 10063),
            Map.entry("UNKNOWN_INTERACTION", 10062),
            Map.entry("INTERACTION_ALREADY_ACKNOWLEDGED", 40060),
            Map.entry("INVALID_CHANNEL_TYPE", 50024),
            Map.entry("PAYLOAD_TOO_LARGE", 40005));

    @Override
    public boolean speaks(String requestUri) {
        return requestUri.startsWith("/api/v10/") || requestUri.startsWith("/api/v9/")
                || requestUri.equals("/api/v10") || requestUri.equals("/api/v9");
    }

    /**
     * Discord's words for a refusal it has no code of its own for: the status and its reason phrase, as
     * {@code {"code": 0, "message": "401: Unauthorized"}} (the gateway words its own refusals the same, ADR 275).
     */
    @Override
    public String body(int status, ErrorCode code) {
        HttpStatus known = HttpStatus.resolve(status);
        return "{\"code\":0,\"message\":\"" + status + ": " + (known == null ? code.title() : known.getReasonPhrase())
                + "\"}";
    }

    static long snowflake(String id, String field) {
        try {
            return Snowflake.parse(id);
        } catch (InvalidIdException e) {
            throw DiscordApiException.invalidForm(field, "Value \"" + id + "\" is not snowflake.");
        }
    }

    @ExceptionHandler(DiscordApiException.class)
    ResponseEntity<Map<String, Object>> discord(DiscordApiException e) {
        Map<String, Object> body = body(e.code(), e.getMessage());
        if (e.errors() != null) {
            body.put("errors", e.errors());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        e.headers().forEach(answer::header);
        return answer.body(body);
    }

    @ExceptionHandler(OwnerCalls.Refused.class)
    ResponseEntity<Map<String, Object>> refused(OwnerCalls.Refused e) {
        if (e.status() == 429) {
            return rateLimited(e);
        }
        String ownerCode = e.ownerCode();
        String detail = e.problem().path("detail").asString(e.problem().path("title").asString(""));
        Integer code = CODES.get(ownerCode);
        int status = e.status();
        if (code == null) {
            code = status == 403 ? 50001 : 0;
        }
        String message = switch (code) {
            case 0 -> status + ": " + (status == 401 ? "Unauthorized" : status == 404 ? "Not Found" : detail);
            case 50001 -> "Missing Access";
            case 50013 -> "Missing Permissions";
            case 50035 -> "Invalid Form Body";
            default -> detail.isEmpty() ? ownerCode : detail;
        };
        Map<String, Object> body = body(code, message);
        if (code == 50035 && !detail.isEmpty()) {
            body.put("errors", Map.of("_errors", java.util.List.of(Map.of("code", ownerCode, "message", detail))));
        }
        return ResponseEntity.status(status).body(body);
    }

    private ResponseEntity<Map<String, Object>> rateLimited(OwnerCalls.Refused e) {
        Map<String, String> headers = new LinkedHashMap<>(e.headers());
        double retryAfter = e.problem().path("retry_after").asDouble(1.0);
        headers.putIfAbsent(RateLimitHeaders.RETRY_AFTER, Long.toString((long) Math.ceil(retryAfter)));
        headers.put("Via", VIA);
        Map<String, Object> body = body(0, "You are being rate limited.");
        body.put("retry_after", retryAfter);
        body.put("global", e.problem().path("global").asBoolean(false));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(429);
        headers.forEach(answer::header);
        return answer.body(body);
    }

    @ExceptionHandler(GuildhallException.class)
    ResponseEntity<Map<String, Object>> guildhall(GuildhallException e) {
        int status = e.code().status();
        // thrown in-process only by a webhook's execution (a bot's own token is checked before any handler)
        Integer code = e.code() == ErrorCode.INVALID_TOKEN ? INVALID_WEBHOOK_TOKEN
                : CODES.getOrDefault(e.code().name(), 0);
        String message = switch (code) {
            case 0 -> status + ": " + e.getMessage();
            case 50035 -> "Invalid Form Body";
            case INVALID_WEBHOOK_TOKEN -> "Invalid Webhook Token";
            default -> e.getMessage();
        };
        Map<String, Object> body = body(code, message);
        if (code == 50035 && e.properties().get("errors") instanceof Map<?, ?> errors) {
            body.put("errors", formErrors(errors));
        }
        return ResponseEntity.status(status).body(body);
    }

    /** Bot-service's own rate limits (a webhook's window) in Discord's 429 shape. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<Map<String, Object>> rateLimited(RateLimitedException e) {
        Map<String, String> headers = new LinkedHashMap<>(RateLimitHeaders.headers(e.decision()));
        double retryAfter = e.decision().resetAfterNanos() / 1e9;
        headers.put(RateLimitHeaders.RETRY_AFTER, Long.toString((long) Math.ceil(retryAfter)));
        headers.put("Via", VIA);
        Map<String, Object> body = body(0, "You are being rate limited.");
        body.put("retry_after", retryAfter);
        body.put("global", e.decision().global());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(429);
        headers.forEach(answer::header);
        return answer.body(body);
    }

    /** {@code {"field": "why"}} as Discord's {@code {"field": {"_errors": [{code, message}]}}}. */
    private static Map<String, Object> formErrors(Map<?, ?> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        errors.forEach((field, why) -> out.put(String.valueOf(field), Map.of("_errors",
                java.util.List.of(Map.of("code", "BASE_TYPE_INVALID", "message", String.valueOf(why))))));
        return out;
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return ResponseEntity.status(400).body(body(50109, "The request body contains invalid JSON."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return discord(DiscordApiException.invalidForm(e.getName(), "Invalid value."));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Map<String, Object>> unauthorized(MissingRequestHeaderException e) {
        return ResponseEntity.status(401).body(body(0, "401: Unauthorized"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(405).body(body(0, "405: Method Not Allowed"));
    }

    private static Map<String, Object> body(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return body;
    }
}
