package dev.guildhall.gateway.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders.Decision;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in Redis (bucket4j over Lettuce's async API, compare-and-swap), shared by every
 * gateway instance. Each bucket refills completely once per period ("5 per 5 s"), which is what
 * the {@code X-RateLimit-Reset} headers describe. Connecting is lazy and retried; while Redis is
 * unreachable {@link #tryConsume} fails fast and the caller lets the request through.
 */
@Component
public class RedisBuckets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);
    private static final String KEY_PREFIX = "guildhall:ratelimit:";
    private static final long RECONNECT_BACKOFF_NANOS = Duration.ofSeconds(5).toNanos();

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final Map<RateLimitProperties.Limit, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    private volatile CompletableFuture<AsyncProxyManager<byte[]>> manager;
    private volatile long lastAttemptNanos;

    public RedisBuckets(RateLimitProperties properties) {
        this.uri = RedisURI.create(properties.redisUrl());
        this.timeout = properties.redisTimeout();
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while disconnected, fail at once instead of queueing: the request must not wait
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
        if (properties.enabled()) {
            manager();
        }
    }

    /**
     * Takes one token from the bucket {@code name} of {@code key}.
     *
     * @return the decision; an error when Redis did not answer in time
     */
    public Mono<Decision> tryConsume(String name, RateLimitProperties.Limit limit, String key, boolean global) {
        byte[] redisKey = (KEY_PREFIX + name + ":" + key).getBytes(StandardCharsets.UTF_8);
        BucketConfiguration configuration = configurations.computeIfAbsent(limit, RedisBuckets::configuration);
        return Mono.fromFuture(this::manager, true)
                .flatMap(proxies -> Mono.fromFuture(() -> proxies.builder()
                        .build(redisKey, () -> CompletableFuture.completedFuture(configuration))
                        .tryConsumeAndReturnRemaining(1)))
                .map(probe -> decision(probe, name, limit, global))
                .timeout(timeout);
    }

    static Decision decision(ConsumptionProbe probe, String name, RateLimitProperties.Limit limit, boolean global) {
        if (probe.isConsumed()) {
            return new Decision(true, limit.capacity(), probe.getRemainingTokens(), probe.getNanosToWaitForReset(),
                    name, global);
        }
        return new Decision(false, limit.capacity(), 0, probe.getNanosToWaitForRefill(), name, global);
    }

    private static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity()).refillIntervally(limit.capacity(), limit.period()))
                .build();
    }

    /** The connected proxy manager, connecting (again) when there is none and the last attempt is old enough. */
    private CompletableFuture<AsyncProxyManager<byte[]>> manager() {
        CompletableFuture<AsyncProxyManager<byte[]>> current = manager;
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        synchronized (this) {
            current = manager;
            boolean retry = current == null
                    || (current.isCompletedExceptionally() && System.nanoTime() - lastAttemptNanos > RECONNECT_BACKOFF_NANOS);
            if (!retry) {
                return current;
            }
            lastAttemptNanos = System.nanoTime();
            manager = client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture()
                    .thenApply(connection -> {
                        log.info("Rate limiter connected to Redis at {}:{}", uri.getHost(), uri.getPort());
                        return Bucket4jLettuce.casBasedBuilder(connection.async())
                                .expirationAfterWrite(ExpirationAfterWriteStrategy
                                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                                .requestTimeout(timeout)
                                .build()
                                .asAsync();
                    });
            manager.whenComplete((ok, error) -> {
                if (error != null) {
                    log.warn("Rate limiter cannot reach Redis at {}:{} ({}); requests are let through until it can",
                            uri.getHost(), uri.getPort(), error.toString());
                }
            });
            return manager;
        }
    }

    @Override
    public void destroy() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
