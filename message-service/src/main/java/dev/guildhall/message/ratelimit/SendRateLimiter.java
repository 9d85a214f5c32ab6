package dev.guildhall.message.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.metrics.MessageMetrics;
import dev.guildhall.support.ratelimit.FixedWindows;
import dev.guildhall.support.ratelimit.Limit;
import dev.guildhall.support.ratelimit.SharedLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * DESIGN's message rate limit, in the service as well as at the gateway (defense in depth):
 * {@code guildhall.rate-limit.message-send} (the gateway's {@code messages.create} bucket reads the same
 * property) per user per channel, shared by every instance through the fleet's one limiter,
 * {@link FixedWindows} (ADR 126). A window starts with its first send and ends {@code period} later,
 * which is exactly what {@code X-RateLimit-Reset} says. If Redis cannot answer, the send is allowed (the
 * gateway's limit still stands) and {@code guildhall.degraded{dependency=redis}} counts it.
 */
@Component
public class SendRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(SendRateLimiter.class);

    private final FixedWindows windows;
    private final boolean enabled;
    private final Limit limit;
    private final MessageMetrics metrics;

    public SendRateLimiter(FixedWindows windows, MessageProperties properties, SharedLimits limits,
                           MessageMetrics metrics) {
        this.windows = windows;
        this.enabled = properties.rateLimit().enabled();
        this.limit = limits.messageSend();
        this.metrics = metrics;
    }

    /** Takes one send from the caller's window for this channel. */
    public RateLimitHeaders.Decision acquire(long userId, long channelId) {
        String bucket = bucketName(channelId);
        if (!enabled) {
            return new RateLimitHeaders.Decision(true, limit.capacity(), limit.capacity(), 0, bucket, false);
        }
        String key = "gh:rl:msg:" + channelId + ":" + userId;
        try {
            FixedWindows.Verdict verdict = windows.take(List.of(new FixedWindows.Window(key, bucket, limit, false)));
            if (!verdict.allowed()) {
                metrics.rateLimited();
            }
            return verdict.decisions().get(0);
        } catch (RuntimeException e) {
            log.debug("rate limit check failed", e);
            return failOpen(bucket);
        }
    }

    /** The bucket id clients see in {@code X-RateLimit-Bucket}: one per route and channel. */
    static String bucketName(long channelId) {
        return "messages:" + channelId;
    }

    private RateLimitHeaders.Decision failOpen(String bucket) {
        metrics.degraded("redis", "rate-limit");
        return new RateLimitHeaders.Decision(true, limit.capacity(), limit.capacity() - 1, limit.period().toNanos(),
                bucket, false);
    }
}
