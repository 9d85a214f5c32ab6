package dev.guildhall.bench.chat;

/**
 * The open-loop send schedule of one step: message {@code i} is due {@code i / rate} seconds after
 * the start, whatever happened to earlier ones (so a slow answer cannot slow the offered load), and
 * is sent by pair {@code i mod pairs} of a fixed rotation of (user, channel) pairs. Every pair
 * therefore sends exactly once every {@code pairs / rate} seconds, which is what keeps each user
 * under the per-user-per-channel message limit without the bench knowing the limit's algorithm.
 *
 * @param ratePerSecond messages per second offered
 * @param pairs         (user, channel) pairs in the rotation
 */
record RateSchedule(double ratePerSecond, int pairs) {

    RateSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        if (pairs < 1) {
            throw new IllegalArgumentException("need at least one (user, channel) pair");
        }
    }

    /** When message {@code i} is due, in nanoseconds after the start. */
    long dueNanos(long i) {
        return Math.round(i * 1_000_000_000d / ratePerSecond);
    }

    /** Which pair of the rotation sends message {@code i}. */
    int pair(long i) {
        return (int) (i % pairs);
    }

    /** How many messages fall into {@code seconds} (the first is due at 0). */
    int messagesIn(double seconds) {
        return (int) Math.ceil(seconds * ratePerSecond - 1e-9);
    }

    /** Seconds between two sends of the same pair. */
    double pairIntervalSeconds() {
        return pairs / ratePerSecond;
    }

    /**
     * The most sends one pair can make inside any window of {@code windowSeconds} (a fixed window
     * that opens with a send, as the gateway's and message-service's limits do).
     */
    int maxSendsPerPairIn(double windowSeconds) {
        return (int) Math.floor(windowSeconds / pairIntervalSeconds() + 1e-9) + 1;
    }
}
