package dev.guildhall.gateway.resilience;

import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape of a 429 {@code OVERLOADED} at the edge (ADRs 212, 264), whichever part refused: the route's or
 * the service's bulkhead, or a busy service that did not answer within the route's budget. The DESIGN rate-limit
 * body's {@code retry_after} and {@code global: false}, so bots back off as from a rate limit, and {@code Via}
 * (discord.js reads a 429 without it as a proxy's ban, ADR 178).
 */
public final class Overloaded {

    private Overloaded() {
    }

    public static long seconds(Duration retryAfter) {
        return Math.max(1, retryAfter.toSeconds());
    }

    public static String detail(long seconds) {
        return "Too many requests are in flight right now; retry after " + seconds + " s";
    }

    /** {@code limit}: {@code route}, {@code service} or {@code busy}. */
    public static Map<String, Object> properties(String route, String limit, long seconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("route", route);
        body.put("limit", limit);
        body.put("retry_after", (double) seconds);
        body.put("global", false);
        return body;
    }

    public static Map<String, String> headers(long seconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        headers.put("Via", "1.1 guildhall");
        return headers;
    }
}
