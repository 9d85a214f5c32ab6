package dev.guildhall.common.id;

import java.time.Clock;

/**
 * Thread-safe generator for one worker. If the clock steps backwards it keeps using the last
 * millisecond it saw, so ids stay unique and increasing.
 */
public final class SnowflakeGenerator {

    private final long worker;
    private final Clock clock;
    private long lastMillis = -1;
    private long sequence;

    public SnowflakeGenerator(long worker) {
        this(worker, Clock.systemUTC());
    }

    public SnowflakeGenerator(long worker, Clock clock) {
        if (worker < 0 || worker > Snowflake.MAX_WORKER) {
            throw new IllegalArgumentException("worker id must be 0.." + Snowflake.MAX_WORKER + ": " + worker);
        }
        this.worker = worker;
        this.clock = clock;
    }

    public synchronized long next() {
        long now = Math.max(clock.millis(), lastMillis);
        if (now == lastMillis) {
            sequence = (sequence + 1) & ((1L << Snowflake.SEQUENCE_BITS) - 1);
            if (sequence == 0) {
                // sequence exhausted in this millisecond: borrow the next one
                now = lastMillis + 1;
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return Snowflake.compose(now, worker, sequence);
    }

    public long worker() {
        return worker;
    }
}
