package dev.guildhall.auth.ratelimit;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.ratelimit.RateLimitHeaders;

/** A refused attempt; answered with DESIGN's 429 headers and body. */
public class RateLimitedException extends GuildhallException {

    private final transient RateLimitHeaders.Decision decision;

    public RateLimitedException(RateLimitHeaders.Decision decision) {
        super(ErrorCode.RATE_LIMITED, ErrorCode.RATE_LIMITED.title());
        this.decision = decision;
    }

    public RateLimitHeaders.Decision decision() {
        return decision;
    }
}
