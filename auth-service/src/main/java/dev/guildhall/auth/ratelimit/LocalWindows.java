package dev.guildhall.auth.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The same fixed windows as the Redis script, in this instance's memory: the fallback when Redis
 * cannot answer. Bounded (least recently used keys are forgotten first).
 */
final class LocalWindows {

    private final long limit;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, long[]> windows;

    LocalWindows(long limit, Duration window, int maxKeys, LongSupplier nanoTime) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.windows = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    synchronized void refund(String key) {
        long[] state = windows.get(key);
        if (state != null && state[1] > 0) {
            state[1]--;
        }
    }

    synchronized Window attempt(String key) {
        long now = nanoTime.getAsLong();
        long[] state = windows.get(key); // {window start, count}
        if (state == null || now - state[0] >= windowNanos) {
            state = new long[] {now, 0};
            windows.put(key, state);
        }
        state[1]++;
        long resetAfterMillis = Math.max(1, (state[0] + windowNanos - now) / 1_000_000);
        return new Window(state[1] <= limit, state[1], resetAfterMillis);
    }
}
