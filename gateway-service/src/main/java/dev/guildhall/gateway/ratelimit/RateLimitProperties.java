package dev.guildhall.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Rate limits, kept in Redis so every gateway instance shares them (ADR 032). Each request takes
 * one token from the caller's global bucket and one from the first matching {@link Bucket} (or the
 * route's default bucket); callers are users by id, bot tokens and anonymous callers by address.
 *
 * @param enabled         off = no limits, no Redis
 * @param redisUrl        {@code GUILDHALL_REDIS_URL}
 * @param redisTimeout    a decision that takes longer is skipped: the request goes through (fail open)
 * @param global          per caller, across everything
 * @param routeDefault    per caller per route, when no bucket matches
 * @param buckets         specific buckets, first match wins
 */
@ConfigurationProperties("guildhall.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("redis://127.0.0.1:16379") String redisUrl,
                                  @DefaultValue("250ms") Duration redisTimeout,
                                  Limit global,
                                  Limit routeDefault,
                                  List<Bucket> buckets) {

    public RateLimitProperties {
        global = global != null ? global : new Limit(50, Duration.ofSeconds(1));
        routeDefault = routeDefault != null ? routeDefault : new Limit(100, Duration.ofSeconds(10));
        buckets = buckets != null ? List.copyOf(buckets) : List.of();
    }

    /** {@code capacity} requests per {@code period}; the bucket refills completely each period. */
    public record Limit(long capacity, Duration period) {
        public Limit {
            if (capacity < 1 || period == null || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a limit needs capacity >= 1 and a positive period");
            }
        }
    }

    /**
     * @param name     reported in {@code X-RateLimit-Bucket}
     * @param method   HTTP method, or {@code null} for any
     * @param path     a path pattern with variables, e.g. {@code /api/v1/channels/{channel_id}/messages}
     * @param key      path variables that, with the caller, make the bucket key (one bucket per channel)
     */
    public record Bucket(String name, String method, String path, List<String> key, long capacity, Duration period) {
        public Bucket {
            if (name == null || name.isBlank() || path == null || path.isBlank()) {
                throw new IllegalArgumentException("a bucket needs a name and a path");
            }
            key = key != null ? List.copyOf(key) : List.of();
            new Limit(capacity, period);
        }

        public Limit limit() {
            return new Limit(capacity, period);
        }
    }
}
