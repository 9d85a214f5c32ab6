package dev.guildhall.gateway.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;

import java.time.Duration;

/**
 * How many requests one downstream service may have in flight right now (ADR 264): between {@code min} and its
 * bulkhead's size, moved by the latency the service shows (additive increase, multiplicative decrease, as TCP
 * finds a path's capacity). An answer slower than a quarter of its route's budget while at least {@code min}
 * requests are in flight means requests are queueing in the service: the limit drops to three quarters of what was
 * in flight (at most once per such quarter, so one burst of slow answers counts once). A call that ran out of budget while the service was busy drops it the
 * same way. A fast answer while at least half the limit is in use raises it by one. Requests past the limit are
 * answered 429 at once by {@link ConcurrencyLimitFilter}, before they could queue and time out.
 * <p>
 * resilience4j's {@code Bulkhead.changeConfig} cannot shrink a bulkhead without blocking until permits come back
 * (it acquires them), so the bulkhead keeps its configured size and this limit is checked against its in-flight
 * count.
 */
public final class AdaptiveLimit {

    private final Bulkhead bulkhead;
    private final int min;
    private final int max;
    private volatile int limit;
    private long lastDecrease = System.nanoTime();

    AdaptiveLimit(Bulkhead bulkhead, int min) {
        this.bulkhead = bulkhead;
        this.max = bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
        this.min = Math.min(min, max);
        this.limit = max;
    }

    /** The current limit. */
    public int limit() {
        return limit;
    }

    /** Requests in flight to the service now (each holds a permit of its bulkhead). */
    public int inFlight() {
        Bulkhead.Metrics metrics = bulkhead.getMetrics();
        return metrics.getMaxAllowedConcurrentCalls() - metrics.getAvailableConcurrentCalls();
    }

    /** Whether a request that already holds its bulkhead permit may go on. */
    boolean admits() {
        return inFlight() <= limit;
    }

    /** The service answered (with a status that is not its own fault) after {@code latency}. */
    public void answered(Duration latency, Duration budget) {
        Duration target = budget.dividedBy(4);
        if (latency.compareTo(target) > 0) {
            decrease(target);
        } else if (limit < max && inFlight() * 2 >= limit) {
            synchronized (this) {
                limit = Math.min(max, limit + 1);
            }
        }
    }

    /** A call ran out of its budget while the service answered others: it is queueing. */
    public void overloaded(Duration budget) {
        decrease(budget.dividedBy(4));
    }

    private synchronized void decrease(Duration every) {
        long now = System.nanoTime();
        int inFlight = inFlight();
        // with fewer than min in flight a slow answer is a slow request (a search, a cold cache), not a queue
        if (inFlight < min || now - lastDecrease < every.toNanos()) {
            return;
        }
        lastDecrease = now;
        limit = Math.max(min, Math.min(limit, inFlight) * 3 / 4);
    }
}
