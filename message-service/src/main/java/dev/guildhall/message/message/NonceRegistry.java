package dev.guildhall.message.message;

import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.metrics.MessageMetrics;
import dev.guildhall.support.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Remembers, for {@code nonce-ttl}, which message a user's nonce in a channel produced (ADR 061):
 * {@code SET key <message_id> NX PX ttl} claims the nonce before the message is written, so of two
 * concurrent retries only one writes. Without Redis, sends are not de-duplicated (and counted).
 */
@Component
class NonceRegistry {

    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end""";

    private final SharedRedis redis;
    private final Duration ttl;
    private final MessageMetrics metrics;

    NonceRegistry(SharedRedis redis, MessageProperties properties, MessageMetrics metrics) {
        this.redis = redis;
        this.ttl = properties.nonceTtl();
        this.metrics = metrics;
    }

    /** The message this nonce already produced, if any. */
    Optional<Long> lookup(long channelId, long userId, String nonce) {
        return connection().flatMap(c -> {
            try {
                return Optional.ofNullable(c.sync().get(key(channelId, userId, nonce))).map(Long::parseLong);
            } catch (RuntimeException e) {
                metrics.degraded("redis", "nonce");
                return Optional.empty();
            }
        });
    }

    /**
     * Claims the nonce for {@code messageId}.
     *
     * @return empty if claimed (or Redis is unavailable); otherwise the message id that holds it
     */
    Optional<Long> claim(long channelId, long userId, String nonce, long messageId) {
        return connection().flatMap(c -> {
            String key = key(channelId, userId, nonce);
            try {
                for (int attempt = 0; attempt < 2; attempt++) {
                    String ok = c.sync().set(key, Long.toString(messageId), SetArgs.Builder.nx().px(ttl.toMillis()));
                    if ("OK".equals(ok)) {
                        return Optional.empty();
                    }
                    String holder = c.sync().get(key);
                    if (holder != null) {
                        return Optional.of(Long.parseLong(holder));
                    }
                    // expired between SET and GET: try again
                }
                return Optional.empty();
            } catch (RuntimeException e) {
                metrics.degraded("redis", "nonce");
                return Optional.empty();
            }
        });
    }

    /** Gives the nonce up after the send failed, if it is still ours. */
    void release(long channelId, long userId, String nonce, long messageId) {
        connection().ifPresent(c -> {
            try {
                c.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key(channelId, userId, nonce)},
                        Long.toString(messageId));
            } catch (RuntimeException ignored) {
                // expires by itself
            }
        });
    }

    private Optional<StatefulRedisConnection<String, String>> connection() {
        Optional<StatefulRedisConnection<String, String>> c = redis.tryConnection();
        if (c.isEmpty()) {
            metrics.degraded("redis", "nonce");
        }
        return c;
    }

    static String key(long channelId, long userId, String nonce) {
        return "gh:nonce:" + channelId + ":" + userId + ":" + nonce;
    }
}
