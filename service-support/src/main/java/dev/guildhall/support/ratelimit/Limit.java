package dev.guildhall.support.ratelimit;

import java.time.Duration;

/** {@code capacity} requests per {@code period}; a fixed window that starts with its first request. */
public record Limit(long capacity, Duration period) {

    public Limit {
        if (capacity < 1 || period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a limit needs capacity >= 1 and a positive period");
        }
    }
}
