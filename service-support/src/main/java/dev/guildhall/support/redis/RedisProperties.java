package dev.guildhall.support.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The process's one Redis connection (ADR 125). {@code GUILDHALL_REDIS_URL} binds to {@code url}.
 *
 * @param url              where Redis listens
 * @param commandTimeout   a command that has not answered by then fails (a command must never hang)
 * @param connectTimeout   how long one connection attempt may take
 * @param reconnectDelay   after a failed attempt, callers fail at once for this long before the next attempt; also
 *                         the longest pause between Lettuce's reconnect attempts once a connection was lost
 * @param requestQueueSize commands Lettuce may hold per connection before refusing more
 */
@ConfigurationProperties("guildhall.redis")
public record RedisProperties(@DefaultValue("redis://127.0.0.1:16379") String url,
                              @DefaultValue("500ms") Duration commandTimeout,
                              @DefaultValue("1s") Duration connectTimeout,
                              @DefaultValue("1s") Duration reconnectDelay,
                              @DefaultValue("2147483647") int requestQueueSize) {

    public RedisProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("guildhall.redis.url must not be blank");
        }
        if (commandTimeout == null || commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("guildhall.redis.command-timeout must be positive");
        }
    }

    /** The defaults, for {@code url}. */
    public static RedisProperties of(String url) {
        return new RedisProperties(url, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Integer.MAX_VALUE);
    }

    public RedisProperties withCommandTimeout(Duration timeout) {
        return new RedisProperties(url, timeout, connectTimeout, reconnectDelay, requestQueueSize);
    }
}
