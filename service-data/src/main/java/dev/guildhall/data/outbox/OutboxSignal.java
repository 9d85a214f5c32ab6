package dev.guildhall.data.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the relay of one outbox in one database as soon as a transaction that wrote to it has
 * committed: rows written on this instance are published without waiting for a poll.
 */
public class OutboxSignal {

    private final Map<String, Semaphore> wakeups = new ConcurrentHashMap<>();

    public void wake(OutboxTable table, int database) {
        Semaphore s = semaphore(table, database);
        if (s.availablePermits() == 0) {
            s.release();
        }
    }

    /** Waits until woken or the timeout passes. */
    void await(OutboxTable table, int database, Duration timeout) throws InterruptedException {
        Semaphore s = semaphore(table, database);
        if (s.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            s.drainPermits();
        }
    }

    private Semaphore semaphore(OutboxTable table, int database) {
        return wakeups.computeIfAbsent(table.name() + "/" + database, k -> new Semaphore(0));
    }
}
