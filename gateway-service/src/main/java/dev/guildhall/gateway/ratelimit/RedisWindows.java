package dev.guildhall.gateway.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders.Decision;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fixed-window counters in Redis, shared by every gateway instance: one Lua script checks and takes
 * from all of a request's windows (global and route) atomically, in one round trip, whatever the
 * concurrency (ADR 032). A window starts with its first request and holds {@code capacity} requests
 * until it expires ("5 per 5 s"), which is exactly what {@code X-RateLimit-Reset} describes.
 * Connecting happens on a background thread and is retried; while Redis is unreachable
 * {@link #take} fails fast and the caller lets the request through.
 */
@Component
public class RedisWindows implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisWindows.class);
    private static final String KEY_PREFIX = "guildhall:ratelimit:";
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(5);
    private static final Duration FIRST_CONNECT_WAIT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final String script;
    private final String sha;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ratelimit-redis-connect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;
    /** Only touched by the connector thread. */
    private int failedAttempts;

    public RedisWindows(RateLimitProperties properties) {
        this.uri = RedisURI.create(properties.redisUrl());
        this.timeout = properties.redisTimeout();
        this.script = loadScript();
        this.sha = sha1(script);
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while disconnected, fail at once instead of queueing: the request must not wait
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
        if (properties.enabled()) {
            // give the first attempt a moment, so that a gateway starting next to a healthy Redis
            // limits its very first requests too; never longer (Redis may be down)
            try {
                connector.submit(this::connect).get(FIRST_CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.debug("First Redis connection attempt still running or failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One window of one caller. */
    public record Window(String bucket, RateLimitProperties.Limit limit, String key, boolean global) {
    }

    /**
     * The outcome for a request: refused by the first full window, or allowed and counted in all.
     *
     * @param decisions one per window, in order
     * @param refused   the refusing window's decision, {@code null} when allowed
     */
    public record Verdict(List<Decision> decisions, Decision refused) {
    }

    /**
     * Takes one request from every window, or from none when one is full.
     *
     * @param caller  the caller's key; all its windows hash to one Redis Cluster slot
     * @return the verdict; an error when Redis did not answer in time
     */
    public Mono<Verdict> take(String caller, List<Window> windows) {
        String[] keys = new String[windows.size()];
        String[] args = new String[windows.size() * 2];
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            keys[i] = KEY_PREFIX + "{" + caller + "}:" + window.bucket() + window.key();
            args[2 * i] = Long.toString(window.limit().capacity());
            args[2 * i + 1] = Long.toString(window.limit().period().toMillis());
        }
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            return Mono.error(new RedisConnectionException("not connected to Redis (yet)"));
        }
        return eval(current.reactive(), keys, args)
                .map(result -> verdict(windows, result))
                .timeout(timeout);
    }

    private Mono<List<Object>> eval(RedisReactiveCommands<String, String> redis, String[] keys, String[] args) {
        return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args).next()
                .onErrorResume(RedisNoScriptException.class,
                        e -> redis.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args).next());
    }

    static Verdict verdict(List<Window> windows, List<Object> result) {
        int refused = ((Number) result.get(0)).intValue();
        List<Decision> decisions = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            long used = ((Number) result.get(1 + 2 * i)).longValue();
            long ttlMillis = ((Number) result.get(2 + 2 * i)).longValue();
            long capacity = window.limit().capacity();
            boolean allowed = refused == 0;
            long remaining = allowed ? capacity - used : Math.max(0, capacity - used);
            decisions.add(new Decision(allowed, capacity, remaining, ttlMillis * 1_000_000L, window.bucket(),
                    window.global()));
        }
        Decision refusal = refused == 0 ? null : decisions.get(refused - 1);
        return new Verdict(decisions, refusal);
    }

    /**
     * Connects on the background thread, and again every 5 s until it succeeds; once connected,
     * Lettuce reconnects by itself. Requests never wait for this: without a connection they are
     * let through.
     */
    private void connect() {
        if (closed) {
            return;
        }
        try {
            connection = client.connect(StringCodec.UTF8, uri);
            log.info("Rate limiter connected to Redis at {}:{}", uri.getHost(), uri.getPort());
        } catch (RuntimeException e) {
            // say it once, then about once a minute: an outage must not flood the log
            if (failedAttempts++ % 12 == 0) {
                log.warn("Rate limiter cannot reach Redis at {}:{} ({}); requests are let through until it can",
                        uri.getHost(), uri.getPort(), e.toString());
            }
            connector.schedule(this::connect, RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String loadScript() {
        try {
            return new ClassPathResource("ratelimit/fixed-windows.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        closed = true;
        connector.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
