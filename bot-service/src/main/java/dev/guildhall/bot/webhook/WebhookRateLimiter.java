package dev.guildhall.bot.webhook;

import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.ratelimit.FixedWindows;
import dev.guildhall.support.ratelimit.Limit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Executions per webhook ({@code guildhall.bot.webhooks.rate-limit}, Discord's 5 per 2 s), counted for the
 * whole fleet by the one limiter (ADR 126). If Redis cannot answer, the execution is allowed: the gateway's
 * per-caller limit still stands.
 */
@Component
class WebhookRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(WebhookRateLimiter.class);

    private final FixedWindows windows;
    private final Limit limit;

    WebhookRateLimiter(FixedWindows windows, WebhookProperties properties) {
        this.windows = windows;
        this.limit = properties.rateLimit();
    }

    RateLimitHeaders.Decision acquire(long webhookId) {
        String bucket = "webhooks:" + webhookId;
        try {
            return windows.take(List.of(new FixedWindows.Window("gh:rl:webhook:" + webhookId, bucket, limit, false)))
                    .decisions().get(0);
        } catch (RuntimeException e) {
            log.debug("webhook rate limit check failed", e);
            return new RateLimitHeaders.Decision(true, limit.capacity(), limit.capacity() - 1,
                    limit.period().toNanos(), bucket, false);
        }
    }
}
