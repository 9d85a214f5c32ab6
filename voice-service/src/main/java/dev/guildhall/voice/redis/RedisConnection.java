package dev.guildhall.voice.redis;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.voice.config.VoiceProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * This process's Redis connection (Lettuce, one multiplexed connection), opened on first use so that a Redis
 * which is down at start-up does not stop the service. Voice states live only here: a Redis that is down
 * makes voice unavailable (503), it never answers with a guess.
 */
@Component
public class RedisConnection implements AutoCloseable {

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    /** MULTI/EXEC only here, one transaction at a time: on the shared connection, other requests' commands
     *  would be queued into a transaction in flight and answer null. */
    private StatefulRedisConnection<String, String> transactions;

    public RedisConnection(VoiceProperties properties) {
        RedisURI uri = RedisURI.create(properties.redisUrl());
        uri.setTimeout(properties.redisTimeout());
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.redisTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(properties.redisTimeout().multipliedBy(2)).build())
                .build());
    }

    /** Runs {@code work} against Redis; Redis down or slow becomes {@code SERVICE_UNAVAILABLE}. */
    public <T> T with(Function<RedisCommands<String, String>, T> work) {
        try {
            return work.apply(commands());
        } catch (RedisException e) {
            throw new GuildhallException(ErrorCode.SERVICE_UNAVAILABLE, "Voice is temporarily unavailable");
        }
    }

    /**
     * Runs {@code work} (which issues MULTI ... EXEC) on a connection of its own, one transaction at a time;
     * Redis down or slow becomes {@code SERVICE_UNAVAILABLE}.
     */
    public synchronized <T> T transaction(Function<RedisCommands<String, String>, T> work) {
        try {
            if (transactions == null) {
                transactions = client.connect();
            }
            return work.apply(transactions.sync());
        } catch (RedisException e) {
            throw new GuildhallException(ErrorCode.SERVICE_UNAVAILABLE, "Voice is temporarily unavailable");
        }
    }

    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = client.connect();
                    connection = c;
                }
            }
        }
        return c.sync();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        synchronized (this) {
            if (transactions != null) {
                transactions.close();
            }
        }
        client.shutdown();
    }
}
