package dev.guildhall.message.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.metrics.MessageMetrics;
import dev.guildhall.message.redis.RedisConnections;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DESIGN's message rate limit, in the service as well as at the gateway (defense in depth):
 * {@code capacity} sends per {@code period} per user per channel, shared by every instance through
 * Redis. One Lua script checks and counts a fixed window atomically in one round trip, whatever
 * the concurrency (ADR 061; the gateway measured bucket4j's compare-and-swap failing open under
 * bursts). A window starts with its first send and ends {@code period} later, which is exactly what
 * {@code X-RateLimit-Reset} says. If Redis cannot answer, the send is allowed (the gateway's limit
 * still stands) and {@code guildhall.degraded{dependency=redis}} counts it.
 */
@Component
public class SendRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(SendRateLimiter.class);

    private final RedisConnections redis;
    private final MessageProperties.RateLimit limit;
    private final MessageMetrics metrics;
    private final String script;
    private volatile String sha;

    public SendRateLimiter(RedisConnections redis, MessageProperties properties, MessageMetrics metrics) {
        this.redis = redis;
        this.limit = properties.rateLimit();
        this.metrics = metrics;
        try {
            this.script = new ClassPathResource("ratelimit/send-window.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes one send from the caller's window for this channel. */
    public RateLimitHeaders.Decision acquire(long userId, long channelId) {
        String bucket = bucketName(channelId);
        if (!limit.enabled()) {
            return new RateLimitHeaders.Decision(true, limit.capacity(), limit.capacity(), 0, bucket, false);
        }
        String key = "gh:rl:msg:" + channelId + ":" + userId;
        try {
            List<Long> result = redis.strings().map(c -> run(c.sync(), key)).orElse(null);
            if (result == null) {
                return failOpen(bucket);
            }
            boolean allowed = result.get(0) == 1;
            long used = result.get(1);
            long resetAfterNanos = result.get(2) * 1_000_000L;
            if (!allowed) {
                metrics.rateLimited();
            }
            return new RateLimitHeaders.Decision(allowed, limit.capacity(), Math.max(0, limit.capacity() - used),
                    resetAfterNanos, bucket, false);
        } catch (RuntimeException e) {
            log.debug("rate limit check failed", e);
            return failOpen(bucket);
        }
    }

    private List<Long> run(RedisCommands<String, String> commands, String key) {
        String[] keys = {key};
        String capacity = Long.toString(limit.capacity());
        String period = Long.toString(limit.period().toMillis());
        if (sha != null) {
            try {
                return commands.evalsha(sha, ScriptOutputType.MULTI, keys, capacity, period);
            } catch (RedisNoScriptException e) {
                sha = null; // Redis restarted or was flushed
            }
        }
        List<Long> result = commands.eval(script, ScriptOutputType.MULTI, keys, capacity, period);
        sha = commands.scriptLoad(script);
        return result;
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
