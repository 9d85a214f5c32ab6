package dev.guildhall.common.ratelimit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rate-limit response contract (Discord's): headers on every limited route, and on a 429 a
 * {@code Retry-After} header plus a body {@code {"retry_after": seconds, "global": bool}}.
 */
public final class RateLimitHeaders {

    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    public static final String RESET_AFTER = "X-RateLimit-Reset-After";
    public static final String BUCKET = "X-RateLimit-Bucket";
    public static final String GLOBAL = "X-RateLimit-Global";
    public static final String SCOPE = "X-RateLimit-Scope";
    public static final String RETRY_AFTER = "Retry-After";

    private RateLimitHeaders() {
    }

    /**
     * @param resetAfterNanos time until the bucket is full again (or, when refused, until a
     *                        request would be allowed)
     */
    public static Map<String, String> headers(Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        double resetAfter = decision.resetAfterNanos() / 1e9;
        headers.put(LIMIT, Long.toString(decision.limit()));
        headers.put(REMAINING, Long.toString(Math.max(0, decision.remaining())));
        headers.put(RESET, String.format(Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0 + resetAfter));
        headers.put(RESET_AFTER, String.format(Locale.ROOT, "%.3f", resetAfter));
        headers.put(BUCKET, decision.bucket());
        if (!decision.allowed()) {
            headers.put(RETRY_AFTER, Long.toString((long) Math.ceil(resetAfter)));
            headers.put(SCOPE, decision.global() ? "global" : "user");
            if (decision.global()) {
                headers.put(GLOBAL, "true");
            }
        }
        return headers;
    }

    /** The 429 body. */
    public static Map<String, Object> body(Decision decision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "You are being rate limited.");
        body.put("retry_after", Math.round(decision.resetAfterNanos() / 1e6) / 1000.0);
        body.put("global", decision.global());
        body.put("code", "RATE_LIMITED");
        return body;
    }

    /** The outcome of asking a bucket for one token. */
    public record Decision(boolean allowed, long limit, long remaining, long resetAfterNanos, String bucket,
                           boolean global) {
    }
}
