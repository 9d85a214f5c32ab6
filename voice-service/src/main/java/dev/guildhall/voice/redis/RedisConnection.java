package dev.guildhall.voice.redis;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.support.redis.SharedRedis;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * Voice's use of the process's one Redis connection (service-support's {@link SharedRedis}, opened on first
 * use, so a Redis which is down at start-up does not stop the service). Voice states live only here: a Redis
 * that is down makes voice unavailable (503), it never answers with a guess.
 */
@Component
public class RedisConnection implements AutoCloseable {

    private final SharedRedis redis;
    /** MULTI/EXEC only here, one transaction at a time: on the shared connection, other requests' commands
     *  would be queued into a transaction in flight and answer null. */
    private StatefulRedisConnection<String, String> transactions;

    public RedisConnection(SharedRedis redis) {
        this.redis = redis;
    }

    /** Runs {@code work} against Redis; Redis down or slow becomes {@code SERVICE_UNAVAILABLE}. */
    public <T> T with(Function<RedisCommands<String, String>, T> work) {
        try {
            return work.apply(redis.connection().sync());
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
                transactions = redis.openDedicated();
            }
            return work.apply(transactions.sync());
        } catch (RedisException e) {
            throw new GuildhallException(ErrorCode.SERVICE_UNAVAILABLE, "Voice is temporarily unavailable");
        }
    }

    @Override
    public synchronized void close() {
        if (transactions != null) {
            transactions.close();
        }
    }
}
