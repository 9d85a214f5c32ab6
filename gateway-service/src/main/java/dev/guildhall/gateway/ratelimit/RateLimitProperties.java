package dev.guildhall.gateway.ratelimit;

import dev.guildhall.support.ratelimit.SharedLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Rate limits, kept in Redis so every gateway instance shares them (ADR 032). Each request takes
 * one token from the caller's global bucket and one from the first matching {@link Bucket} (or the
 * route's default bucket); callers are users by id, bot tokens and anonymous callers by address.
 *
 * @param enabled         off = no limits, no Redis (which is {@code guildhall.redis}, the service's one connection)
 * @param redisTimeout    a decision that takes longer is skipped: the request goes through (fail open)
 * @param global          per caller, across everything
 * @param routeDefault    per caller per route, when no bucket matches
 * @param buckets         specific buckets, first match wins
 */
@ConfigurationProperties("guildhall.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
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
            new dev.guildhall.support.ratelimit.Limit(capacity, period);
        }

        public dev.guildhall.support.ratelimit.Limit toShared() {
            return new dev.guildhall.support.ratelimit.Limit(capacity, period);
        }
    }

    /**
     * @param name     reported in {@code X-RateLimit-Bucket}
     * @param method   HTTP method, or {@code null} for any
     * @param path     a path pattern with variables, e.g. {@code /api/v1/channels/{channel_id}/messages}
     * @param key      path variables that, with the caller, make the bucket key (one bucket per channel)
     * @param shared   instead of {@code capacity} and {@code period}: the name of a limit declared once for
     *                 every service in {@code guildhall.rate-limit} ({@code message-send})
     */
    public record Bucket(String name, String method, String path, List<String> key, long capacity, Duration period,
                         String shared) {
        @ConstructorBinding
        public Bucket {
            if (name == null || name.isBlank() || path == null || path.isBlank()) {
                throw new IllegalArgumentException("a bucket needs a name and a path");
            }
            key = key != null ? List.copyOf(key) : List.of();
            if (shared == null) {
                new Limit(capacity, period);
            }
        }

        public Bucket(String name, String method, String path, List<String> key, long capacity, Duration period) {
            this(name, method, path, key, capacity, period, null);
        }

        /** This bucket's limit, looking up a shared one in {@code sharedLimits}. */
        public Limit limit(SharedLimits sharedLimits) {
            if (shared == null) {
                return new Limit(capacity, period);
            }
            if (!"message-send".equals(shared)) {
                throw new IllegalArgumentException("unknown shared limit " + shared + " (bucket " + name + ")");
            }
            return new Limit(sharedLimits.messageSend().capacity(), sharedLimits.messageSend().period());
        }
    }
}
