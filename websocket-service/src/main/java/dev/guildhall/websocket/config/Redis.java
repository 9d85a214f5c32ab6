package dev.guildhall.websocket.config;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The node's Redis: one pipelined Lettuce connection for commands and one for pub/sub. The node
 * starts without Redis (live delivery does not need it) and connects in the background; while
 * Redis is unreachable commands fail at once instead of queueing, so resume and presence degrade
 * rather than the node's memory growing.
 */
public final class Redis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Redis.class);

    private final RedisClient client;
    private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
    private final ConcurrentHashMap<String, BiConsumer<String, String>> subscriptions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "redis-connector");
        t.setDaemon(true);
        return t;
    });
    private final java.util.List<String> scripts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;

    public Redis(String url) {
        client = RedisClient.create(url);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(250_000)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        connector.execute(this::connect);
    }

    private void connect() {
        try {
            StatefulRedisConnection<String, String> c = client.connect();
            StatefulRedisPubSubConnection<String, String> p = client.connectPubSub();
            p.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    BiConsumer<String, String> handler = subscriptions.get(channel);
                    if (handler != null) {
                        handler.accept(channel, message);
                    }
                }
            });
            if (!subscriptions.isEmpty()) {
                p.sync().subscribe(subscriptions.keySet().toArray(String[]::new));
            }
            for (String lua : scripts) {
                c.sync().scriptLoad(lua);
            }
            pubSub = p;
            connection.set(c);
            log.info("connected to Redis");
        } catch (RuntimeException e) {
            log.warn("Redis unreachable ({}); retrying in 2s", e.getMessage());
            connector.schedule(this::connect, 2, TimeUnit.SECONDS);
        }
    }

    /** Async commands, or null while not connected (the caller counts that as a failure). */
    public RedisAsyncCommands<String, String> async() {
        StatefulRedisConnection<String, String> c = connection.get();
        return c == null || !c.isOpen() ? null : c.async();
    }

    public boolean connected() {
        StatefulRedisConnection<String, String> c = connection.get();
        return c != null && c.isOpen();
    }

    /** Subscribes now, or as soon as connected; Lettuce re-subscribes after reconnects. */
    public synchronized void subscribe(String channel, BiConsumer<String, String> handler) {
        subscriptions.put(channel, handler);
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        if (p != null) {
            p.async().subscribe(channel);
        }
    }

    public void publish(String channel, String message) {
        RedisAsyncCommands<String, String> redis = async();
        if (redis != null) {
            redis.publish(channel, message);
        }
    }

    /** A Lua script run by SHA, loaded again when Redis says it does not know it. */
    public Script script(String lua) {
        return new Script(lua);
    }

    public final class Script {
        private final String lua;
        private final String sha;

        private Script(String lua) {
            this.lua = lua;
            scripts.add(lua);
            StatefulRedisConnection<String, String> c = connection.get();
            if (c != null && c.isOpen()) {
                c.async().scriptLoad(lua);
            }
            try {
                this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(lua.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public <T> CompletionStage<T> run(ScriptOutputType type, String[] keys, String... args) {
            RedisAsyncCommands<String, String> redis = async();
            if (redis == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("Redis not connected"));
            }
            RedisFuture<T> first = redis.evalsha(sha, type, keys, args);
            return first.handle((value, error) -> {
                if (error == null) {
                    return CompletableFuture.completedFuture(value);
                }
                Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                if (cause instanceof RedisNoScriptException) {
                    RedisFuture<T> retry = redis.eval(lua, type, keys, args);
                    return retry.toCompletableFuture();
                }
                return CompletableFuture.<T>failedFuture(cause);
            }).thenCompose(f -> f);
        }
    }

    @Override
    public void close() {
        connector.shutdownNow();
        StatefulRedisConnection<String, String> c = connection.getAndSet(null);
        if (c != null) {
            c.close();
        }
        if (pubSub != null) {
            pubSub.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
