package dev.guildhall.websocket.config;

import dev.guildhall.support.redis.RedisProperties;
import dev.guildhall.support.redis.RedisScript;
import dev.guildhall.support.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The node's Redis, on service-support's {@link SharedRedis} (one pipelined connection for commands and
 * one for pub/sub). The node starts without Redis (live delivery does not need it) and connects in the
 * background; while Redis is unreachable commands fail at once instead of queueing, so resume and presence
 * degrade rather than the node's memory growing. Nothing here waits on an event loop.
 */
public final class Redis implements AutoCloseable {

    private final SharedRedis redis;

    public Redis(String url) {
        // a node pipelines many journal appends: a longer timeout and a bounded queue
        this.redis = new SharedRedis(new RedisProperties(url, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 250_000));
        redis.ifConnected(); // start connecting in the background
    }

    /** Async commands, or null while not connected (the caller counts that as a failure). */
    public RedisAsyncCommands<String, String> async() {
        return redis.ifConnected().map(StatefulRedisConnection::async).orElse(null);
    }

    public boolean connected() {
        return redis.isConnected();
    }

    /** Subscribes now, or as soon as connected; Lettuce re-subscribes after reconnects. */
    public void subscribe(String channel, BiConsumer<String, String> handler) {
        redis.subscribe(channel, handler);
    }

    public void publish(String channel, String message) {
        redis.publish(channel, message);
    }

    /** A Lua script run by SHA, loaded again when Redis says it does not know it. */
    public Script script(String lua) {
        return new Script(redis.script(lua));
    }

    public static final class Script {
        private final RedisScript script;

        private Script(RedisScript script) {
            this.script = script;
        }

        public <T> CompletionStage<T> run(ScriptOutputType type, String[] keys, String... args) {
            return script.runAsync(type, keys, args);
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
