package dev.guildhall.auth.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Fixed windows in Redis, one atomic script call per attempt ({@code ratelimit/fixed-window.lua}).
 * Connects lazily and reconnects on demand, so the service starts and serves without Redis; every
 * failure surfaces as an exception for the caller to fall back on.
 */
final class RedisWindows implements AutoCloseable {

    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(5);

    private final RedisClient client;
    private final String script;
    private final String limit;
    private final String windowMillis;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile String sha;
    private volatile long lastConnectAttempt = Long.MIN_VALUE;

    RedisWindows(String redisUrl, Duration timeout, long limit, Duration window) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.script = load();
        this.limit = Long.toString(limit);
        this.windowMillis = Long.toString(window.toMillis());
    }

    Window attempt(String key) {
        StatefulRedisConnection<String, String> current = connection();
        List<Long> result;
        try {
            result = current.sync().evalsha(sha, ScriptOutputType.MULTI, new String[] {key}, limit, windowMillis);
        } catch (RedisNoScriptException e) {
            // Redis restarted or flushed its script cache
            result = current.sync().eval(script, ScriptOutputType.MULTI, new String[] {key}, limit, windowMillis);
        }
        return new Window(result.get(0) == 1L, result.get(1), result.get(2));
    }

    /** Takes one attempt back, never below zero and never touching the window's expiry. */
    void refund(String key) {
        connection().sync().eval("local c = tonumber(redis.call('GET', KEYS[1]) or '0') "
                + "if c > 0 then redis.call('DECR', KEYS[1]) end return 0", ScriptOutputType.INTEGER, key);
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        synchronized (this) {
            if (connection != null && connection.isOpen()) {
                return connection;
            }
            long now = System.nanoTime();
            if (lastConnectAttempt != Long.MIN_VALUE && now - lastConnectAttempt < RECONNECT_INTERVAL.toNanos()) {
                throw new IllegalStateException("Redis unavailable (next connection attempt in a few seconds)");
            }
            lastConnectAttempt = now;
            StatefulRedisConnection<String, String> fresh = client.connect();
            sha = fresh.sync().scriptLoad(script);
            StatefulRedisConnection<String, String> old = connection;
            connection = fresh;
            if (old != null) {
                old.closeAsync();
            }
            return fresh;
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static String load() {
        try (InputStream in = RedisWindows.class.getResourceAsStream("/ratelimit/fixed-window.lua")) {
            if (in == null) {
                throw new IllegalStateException("missing resource /ratelimit/fixed-window.lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
