package dev.guildhall.auth.ratelimit;

import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.auth.crypto.Tokens;
import dev.guildhall.auth.metrics.AuthMetrics;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.ratelimit.FixedWindows;
import dev.guildhall.support.ratelimit.Limit;
import dev.guildhall.support.ratelimit.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Login attempts: {@code attempts} per {@code window} per client address and per account (the
 * lower-cased login), counted in Redis by the fleet's one limiter ({@link FixedWindows}, ADR 126), one
 * atomic call per key, so every instance shares the count and a burst cannot slip through (ADR 017). Every attempt counts against the account,
 * right password or not. Against the address, a successful attempt is refunded: many people behind
 * one NAT (or one office) can all sign in, while guessing from one address is still capped at
 * {@code attempts} failures per window. If Redis fails, a per-instance window decides instead:
 * throttling degrades, login works.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String PREFIX = "guildhall:auth:login:";
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final AuthProperties.LoginThrottle properties;
    private final AuthMetrics metrics;
    private final FixedWindows redis;
    private final Limit limit;
    private final LocalWindows local;
    private final AtomicLong lastFailureLog = new AtomicLong(Long.MIN_VALUE);

    public LoginThrottle(AuthProperties properties, AuthMetrics metrics, FixedWindows windows) {
        this.properties = properties.loginThrottle();
        this.metrics = metrics;
        this.redis = windows;
        this.limit = new Limit(this.properties.attempts(), this.properties.window());
        this.local = new LocalWindows(this.properties.attempts(), this.properties.window(), 10_000, System::nanoTime);
    }

    /**
     * Spends one attempt for this address, then (if allowed) one for this login.
     *
     * @throws RateLimitedException when either is exhausted
     * @return the decision, for the {@code X-RateLimit-*} headers of an allowed attempt
     */
    public RateLimitHeaders.Decision check(String clientIp, String login) {
        long limit = properties.attempts();
        if (!properties.enabled()) {
            return new RateLimitHeaders.Decision(true, limit, limit, 0, "login", false);
        }
        Window ip = attempt("ip:" + clientIp);
        if (!ip.allowed()) {
            throw refused(ip, "login:ip");
        }
        Window account = attempt("account:" + Tokens.sha256Hex(login.strip().toLowerCase(Locale.ROOT)).substring(0, 32));
        if (!account.allowed()) {
            throw refused(account, "login:account");
        }
        long remaining = limit - Math.max(ip.count(), account.count());
        long resetAfter = Math.max(ip.resetAfterMillis(), account.resetAfterMillis());
        return new RateLimitHeaders.Decision(true, limit, remaining, resetAfter * 1_000_000, "login", false);
    }

    /** The credentials were right: give the address its attempt back (ADR 017). */
    public void succeeded(String clientIp) {
        if (!properties.enabled()) {
            return;
        }
        try {
            redis.refund(PREFIX + "ip:" + clientIp);
        } catch (RuntimeException e) {
            local.refund("ip:" + clientIp);
        }
    }

    private Window attempt(String key) {
        try {
            FixedWindows.Verdict verdict = redis.take(List.of(new FixedWindows.Window(PREFIX + key, "login", limit, false)));
            RateLimitHeaders.Decision decision = verdict.decisions().get(0);
            return new Window(verdict.allowed(), limit.capacity() - decision.remaining(),
                    Math.max(1, decision.resetAfterNanos() / 1_000_000));
        } catch (RuntimeException e) {
            metrics.throttleFellBack();
            long now = System.nanoTime();
            long last = lastFailureLog.get();
            if ((last == Long.MIN_VALUE || now - last > LOG_INTERVAL_NANOS) && lastFailureLog.compareAndSet(last, now)) {
                log.warn("login throttle: Redis failed ({}), deciding per instance", e.toString());
            }
            return local.attempt(key);
        }
    }

    private RateLimitedException refused(Window window, String bucket) {
        metrics.loginThrottled();
        return new RateLimitedException(new RateLimitHeaders.Decision(false, properties.attempts(), 0,
                window.resetAfterMillis() * 1_000_000, bucket, false));
    }
}
