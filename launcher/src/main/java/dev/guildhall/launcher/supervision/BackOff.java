package dev.guildhall.launcher.supervision;

import java.time.Duration;

/**
 * How long to wait before restarting a process that died, as Kubernetes does for a crashing
 * container: {@code initial}, doubled after every consecutive failure up to {@code max}, and back to
 * {@code initial} once the process has stayed up for {@code resetAfter} (ADR 170).
 *
 * @param initial    the delay before the first restart
 * @param max        the longest delay
 * @param resetAfter a process up this long is "healthy again": its next crash starts over at {@code initial}
 */
public record BackOff(Duration initial, Duration max, Duration resetAfter) {

    /** 1 s, 2 s, 4 s … capped at 60 s, reset after 10 minutes up. */
    public static final BackOff DEFAULT = new BackOff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10));

    public BackOff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || resetAfter.isNegative()) {
            throw new IllegalArgumentException("need 0 < initial <= max and resetAfter >= 0: " + initial + ", " + max + ", " + resetAfter);
        }
    }

    /** The delay before the {@code failure}-th consecutive restart (1 for the first). */
    public Duration delay(int failure) {
        Duration d = initial;
        for (int i = 1; i < failure && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
