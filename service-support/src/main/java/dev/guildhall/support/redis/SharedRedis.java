package dev.guildhall.support.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * The process's one way to Redis (ADR 125): one multiplexed Lettuce connection for commands and, when a
 * feature subscribes, one for pub/sub, both configured once from {@link RedisProperties}. The connection is
 * opened on first use, so a service starts and serves without Redis. Nothing here ever waits for Redis
 * longer than the configured timeouts:
 * <ul>
 *   <li>blocking callers ({@link #connection()}) may open the connection on their own thread, bounded by
 *       {@code connect-timeout}, at most once per {@code reconnect-delay} and never while another thread is
 *       connecting; otherwise they get {@link RedisUnavailableException} at once;</li>
 *   <li>non-blocking callers (event loops, {@link #ifConnected()}) never connect on their thread: they get
 *       nothing and a background thread connects (and keeps trying until it succeeds).</li>
 * </ul>
 * Once connected, Lettuce reconnects by itself (retrying at least every {@code reconnect-delay}, however long
 * the outage) and, while disconnected, rejects commands instead of queueing them; every command fails after
 * {@code command-timeout}.
 */
public class SharedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

    private final RedisProperties properties;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final ReentrantLock connecting = new ReentrantLock();
    private final AtomicBoolean backgroundPending = new AtomicBoolean();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "redis-connect");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, BiConsumer<String, String>> subscriptions = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile long nextAttemptNanos = System.nanoTime();
    private volatile boolean closed;
    private int failures;

    public SharedRedis(RedisProperties properties) {
        this.properties = properties;
        this.uri = RedisURI.create(properties.url());
        this.uri.setTimeout(properties.commandTimeout());
        // Lettuce's default reconnect back-off grows to 30 s: after a long outage limits and sessions would
        // stay degraded up to 30 s after Redis is back. Capped at reconnect-delay, it reconnects within that.
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), properties.reconnectDelay(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while disconnected, fail at once instead of queueing: a caller must never wait for Redis
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(properties.requestQueueSize())
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(properties.connectTimeout()).build())
                .build());
    }

    public RedisProperties properties() {
        return properties;
    }

    /**
     * The command connection, for callers that may block up to {@code connect-timeout} (request threads).
     *
     * @throws RedisUnavailableException at once when Redis is not connected and cannot be connected now
     */
    public StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            if (current.isOpen()) {
                return current;
            }
            throw new RedisUnavailableException("Redis connection lost; reconnecting");
        }
        if (closed || System.nanoTime() - nextAttemptNanos < 0 || !connecting.tryLock()) {
            throw new RedisUnavailableException("Redis unavailable (next connection attempt shortly)");
        }
        try {
            connect();
        } finally {
            connecting.unlock();
        }
        current = connection;
        if (current == null) {
            throw new RedisUnavailableException("Redis unavailable at " + uri.getHost() + ":" + uri.getPort());
        }
        return current;
    }

    /** {@link #connection()}, or empty instead of the exception: for callers that degrade their feature. */
    public Optional<StatefulRedisConnection<String, String>> tryConnection() {
        try {
            return Optional.of(connection());
        } catch (RedisUnavailableException e) {
            return Optional.empty();
        }
    }

    /**
     * The command connection if it is open now, for callers that must not block (event loops); otherwise
     * empty, and the connection is opened in the background.
     */
    public Optional<StatefulRedisConnection<String, String>> ifConnected() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            connectInBackground();
            return Optional.empty();
        }
        return current.isOpen() ? Optional.of(current) : Optional.empty();
    }

    /** Whether commands can be sent now. */
    public boolean isConnected() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null && current.isOpen();
    }

    /**
     * Starts connecting in the background (if not connected) and waits at most {@code wait} for it: for
     * services that want their first requests served with Redis when it is there, without depending on it.
     */
    public boolean awaitConnected(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        connectInBackground();
        while (!isConnected() && System.nanoTime() - deadline < 0 && !closed) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return isConnected();
    }

    /**
     * A connection of the caller's own, e.g. for {@code MULTI}/{@code EXEC}, which must not share the
     * multiplexed connection; the caller closes it.
     *
     * @throws io.lettuce.core.RedisException when Redis cannot be reached within {@code connect-timeout}
     */
    public StatefulRedisConnection<String, String> openDedicated() {
        return client.connect(StringCodec.UTF8, uri);
    }

    /** A Lua script to run on this connection. */
    public RedisScript script(String lua) {
        return new RedisScript(this, lua);
    }

    /**
     * Delivers every message on {@code channel} to {@code handler} (on a Lettuce thread: hand off anything
     * slow). Subscribes now when the pub/sub connection is up, or as soon as it is; Lettuce subscribes again
     * after a reconnect.
     */
    public void subscribe(String channel, BiConsumer<String, String> handler) {
        subscriptions.put(channel, handler);
        StatefulRedisPubSubConnection<String, String> current = pubSub;
        if (current != null) {
            current.async().subscribe(channel);
        } else {
            connectInBackground();
        }
    }

    /** Publishes without waiting; lost (and not retried) when Redis is not connected. */
    public void publish(String channel, String message) {
        ifConnected().ifPresent(c -> c.async().publish(channel, message));
    }

    private void connectInBackground() {
        if (!closed && backgroundPending.compareAndSet(false, true)) {
            background.execute(this::connectUntilConnected);
        }
    }

    private void connectUntilConnected() {
        connecting.lock();
        try {
            connect();
        } finally {
            connecting.unlock();
        }
        if (!closed && (connection == null || (!subscriptions.isEmpty() && pubSub == null))) {
            background.schedule(this::connectUntilConnected, properties.reconnectDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            backgroundPending.set(false);
        }
    }

    /** Opens what is missing; called with {@link #connecting} held. */
    private void connect() {
        if (closed) {
            return;
        }
        try {
            if (connection == null) {
                nextAttemptNanos = System.nanoTime() + properties.reconnectDelay().toNanos();
                connection = client.connect(StringCodec.UTF8, uri);
                log.info("Connected to Redis at {}:{}", uri.getHost(), uri.getPort());
                failures = 0;
            }
            if (pubSub == null && !subscriptions.isEmpty()) {
                StatefulRedisPubSubConnection<String, String> fresh = client.connectPubSub(StringCodec.UTF8, uri);
                fresh.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        BiConsumer<String, String> handler = subscriptions.get(channel);
                        if (handler != null) {
                            handler.accept(channel, message);
                        }
                    }
                });
                fresh.sync().subscribe(subscriptions.keySet().toArray(String[]::new));
                pubSub = fresh;
            }
        } catch (RuntimeException e) {
            // say it once, then about every twentieth attempt: an outage must not flood the log
            if (failures++ % 20 == 0) {
                log.warn("Redis unreachable at {}:{} ({}); features that use it degrade until it is back",
                        uri.getHost(), uri.getPort(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.closeAsync();
        }
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        if (p != null) {
            p.closeAsync();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
