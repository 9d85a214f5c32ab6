package dev.guildhall.message.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.metrics.MessageMetrics;
import dev.guildhall.support.ratelimit.FixedWindows;
import dev.guildhall.support.ratelimit.Limit;
import dev.guildhall.support.ratelimit.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Adding and removing reactions, per user across every channel (issue 14, finding 9; ADR 209):
 * {@code guildhall.message.rate-limit.reaction-toggles}, counted in the fleet's one limiter (ADR 126), so that a
 * client toggling a reaction in a loop cannot flood every member's gateway with add/remove events inside the
 * gateway's wider route bucket. Like sends, it lets the toggle through when Redis cannot answer.
 */
@Component
public class ReactionToggleLimiter {

    private static final Logger log = LoggerFactory.getLogger(ReactionToggleLimiter.class);
    static final String BUCKET = "reactions";

    private final FixedWindows windows;
    private final boolean enabled;
    private final Limit limit;
    private final MessageMetrics metrics;

    public ReactionToggleLimiter(FixedWindows windows, MessageProperties properties, MessageMetrics metrics) {
        this.windows = windows;
        this.enabled = properties.rateLimit().enabled();
        this.limit = properties.rateLimit().reactionToggles();
        this.metrics = metrics;
    }

    /** Takes one toggle from the user's window. @throws RateLimitedException (429) when it is used up */
    public void acquire(long userId) {
        if (!enabled) {
            return;
        }
        RateLimitHeaders.Decision decision;
        try {
            decision = windows.take(List.of(new FixedWindows.Window("gh:rl:reaction:" + userId, BUCKET, limit, false)))
                    .decisions().get(0);
        } catch (RuntimeException e) {
            log.debug("reaction limit check failed", e);
            metrics.degraded("redis", "reaction-limit");
            return;
        }
        if (!decision.allowed()) {
            metrics.rateLimited();
            throw new RateLimitedException(decision);
        }
    }
}
