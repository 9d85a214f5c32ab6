package dev.guildhall.message.redis;

import dev.guildhall.message.config.MessageProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The Redis connection of this process (Lettuce, one multiplexed connection), opened
 * on first use so that a Redis which is down at start-up does not stop the service. While it is
 * unreachable callers get {@link Optional#empty()} (at most one connection attempt per second)
 * and degrade their feature; once connected, Lettuce reconnects by itself and refuses commands
 * while disconnected instead of queueing them.
 */
@Component
public class RedisConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);
    private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> strings;
    private volatile long nextAttempt = System.nanoTime();

    public RedisConnections(MessageProperties properties) {
        Duration timeout = properties.redis().timeout();
        RedisURI uri = RedisURI.create(properties.redis().url());
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                // a request thread may be the one connecting: never let it wait long
                .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(2)).build())
                .build());
    }

    public Optional<StatefulRedisConnection<String, String>> strings() {
        StatefulRedisConnection<String, String> c = strings;
        if (c == null) {
            connect();
            c = strings;
        }
        return Optional.ofNullable(c);
    }

    private synchronized void connect() {
        if (strings != null) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextAttempt < 0) {
            return;
        }
        nextAttempt = now + RETRY_NANOS;
        try {
            strings = client.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            log.warn("Redis is unreachable ({}); rate limits, nonce de-duplication and the typing throttle degrade",
                    e.toString());
        }
    }

    @Override
    public void close() {
        if (strings != null) {
            strings.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
