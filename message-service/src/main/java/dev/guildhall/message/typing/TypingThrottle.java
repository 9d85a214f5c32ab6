package dev.guildhall.message.typing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.metrics.MessageMetrics;
import dev.guildhall.support.redis.SharedRedis;
import io.lettuce.core.SetArgs;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * At most one TYPING_START per user per channel per {@code typing-throttle}, across instances
 * ({@code SET NX PX} in Redis). Without Redis each instance throttles on its own.
 */
@Component
class TypingThrottle {

    private final SharedRedis redis;
    private final Duration interval;
    private final MessageMetrics metrics;
    private final Cache<String, Boolean> local;

    TypingThrottle(SharedRedis redis, MessageProperties properties, MessageMetrics metrics) {
        this.redis = redis;
        this.interval = properties.typingThrottle();
        this.metrics = metrics;
        this.local = Caffeine.newBuilder().expireAfterWrite(interval).maximumSize(100_000).build();
    }

    /** @return true when this typing notice should go out */
    boolean tryAcquire(long userId, long channelId) {
        String key = "gh:typing:" + channelId + ":" + userId;
        Optional<Boolean> shared = redis.tryConnection().flatMap(c -> {
            try {
                return Optional.of("OK".equals(c.sync().set(key, "1", SetArgs.Builder.nx().px(interval.toMillis()))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        if (shared.isPresent()) {
            return shared.get();
        }
        metrics.degraded("redis", "typing-throttle");
        return local.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }
}
