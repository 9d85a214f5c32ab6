package dev.guildhall.auth.ratelimit;

import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.auth.crypto.Tokens;
import dev.guildhall.auth.metrics.AuthMetrics;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Login attempts: {@code attempts} per {@code window} per client IP and per account (the
 * lower-cased login), in Redis through bucket4j so every instance shares the count (ADR 017).
 * Every attempt counts, right password or not. If Redis fails, the decision is taken by a
 * per-instance limiter instead: throttling degrades, login keeps working.
 */
@Component
public class LoginThrottle implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String PREFIX = "guildhall:auth:login:";
    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(5);
    private static final int LOCAL_MAX_BUCKETS = 10_000;

    private final AuthProperties.LoginThrottle properties;
    private final AuthMetrics metrics;
    private final BucketConfiguration configuration;
    private final RedisClient client;
    private final Map<String, Bucket> localBuckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > LOCAL_MAX_BUCKETS;
        }
    };
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile ProxyManager<byte[]> buckets;
    private volatile long lastConnectAttempt = Long.MIN_VALUE;

    public LoginThrottle(AuthProperties properties, AuthMetrics metrics) {
        this.properties = properties.loginThrottle();
        this.metrics = metrics;
        Bandwidth limit = Bandwidth.builder()
                .capacity(this.properties.attempts())
                .refillIntervally(this.properties.attempts(), this.properties.window())
                .build();
        this.configuration = BucketConfiguration.builder().addLimit(limit).build();
        RedisURI uri = RedisURI.create(this.properties.redisUrl());
        uri.setTimeout(this.properties.redisTimeout());
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(this.properties.redisTimeout()))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    /**
     * Spends one attempt for this IP and this login.
     *
     * @throws RateLimitedException when either is exhausted
     * @return the decision (for the {@code X-RateLimit-*} headers of an allowed attempt)
     */
    public RateLimitHeaders.Decision check(String clientIp, String login) {
        if (!properties.enabled()) {
            return new RateLimitHeaders.Decision(true, properties.attempts(), properties.attempts(), 0, "login", false);
        }
        Attempt ip = consume("ip:" + clientIp);
        if (!ip.probe().isConsumed()) {
            throw refused(ip, "login:ip");
        }
        String account = Tokens.sha256Hex(login.strip().toLowerCase(Locale.ROOT)).substring(0, 32);
        Attempt acct = consume("account:" + account);
        if (!acct.probe().isConsumed()) {
            throw refused(acct, "login:account");
        }
        long remaining = Math.min(ip.probe().getRemainingTokens(), acct.probe().getRemainingTokens());
        long resetAfter = Math.max(ip.probe().getNanosToWaitForReset(), acct.probe().getNanosToWaitForReset());
        return new RateLimitHeaders.Decision(true, properties.attempts(), remaining, resetAfter, "login", false);
    }

    private RateLimitedException refused(Attempt attempt, String bucket) {
        metrics.loginThrottled();
        return new RateLimitedException(new RateLimitHeaders.Decision(false, properties.attempts(), 0,
                attempt.probe().getNanosToWaitForRefill(), bucket, false));
    }

    private Attempt consume(String key) {
        ProxyManager<byte[]> proxies = proxies();
        if (proxies != null) {
            try {
                ConsumptionProbe probe = proxies.builder()
                        .build((PREFIX + key).getBytes(StandardCharsets.UTF_8), () -> configuration)
                        .tryConsumeAndReturnRemaining(1);
                return new Attempt(probe);
            } catch (RuntimeException e) {
                log.warn("login throttle: Redis failed ({}), deciding locally", e.toString());
            }
        }
        metrics.throttleFellBack();
        synchronized (localBuckets) {
            return new Attempt(localBuckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(configuration.getBandwidths()[0]).build()).tryConsumeAndReturnRemaining(1));
        }
    }

    private ProxyManager<byte[]> proxies() {
        ProxyManager<byte[]> current = buckets;
        if (current != null && connection.isOpen()) {
            return current;
        }
        long now = System.nanoTime();
        if (lastConnectAttempt != Long.MIN_VALUE && now - lastConnectAttempt < RECONNECT_INTERVAL.toNanos()) {
            return null;
        }
        synchronized (this) {
            if (buckets != null && connection.isOpen()) {
                return buckets;
            }
            lastConnectAttempt = now;
            try {
                StatefulRedisConnection<byte[], byte[]> fresh = client.connect(ByteArrayCodec.INSTANCE);
                ProxyManager<byte[]> manager = Bucket4jLettuce.casBasedBuilder(fresh)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy
                                .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                        .requestTimeout(properties.redisTimeout())
                        .build();
                StatefulRedisConnection<byte[], byte[]> old = connection;
                connection = fresh;
                buckets = manager;
                if (old != null) {
                    old.closeAsync();
                }
                return manager;
            } catch (RuntimeException e) {
                log.warn("login throttle: cannot connect to Redis ({}), deciding locally", e.toString());
                return null;
            }
        }
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private record Attempt(ConsumptionProbe probe) {
    }
}
