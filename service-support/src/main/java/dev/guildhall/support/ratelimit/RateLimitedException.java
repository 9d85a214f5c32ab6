package dev.guildhall.support.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders;

/** A request refused by a rate limit; the error handler answers DESIGN's 429 from the decision. */
public class RateLimitedException extends RuntimeException {

    private final transient RateLimitHeaders.Decision decision;

    public RateLimitedException(RateLimitHeaders.Decision decision) {
        super("rate limited: " + decision.bucket(), null, false, false);
        this.decision = decision;
    }

    public RateLimitHeaders.Decision decision() {
        return decision;
    }
}
