package dev.guildhall.message.outbox;

import dev.guildhall.message.db.ShardDatabases;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes a shard's relay as soon as a transaction that wrote to its outbox has committed. */
@Component
public class OutboxSignal {

    private final Semaphore[] wakeups;

    public OutboxSignal(ShardDatabases shards) {
        this.wakeups = new Semaphore[shards.all().size()];
        for (int i = 0; i < wakeups.length; i++) {
            wakeups[i] = new Semaphore(0);
        }
    }

    public void wake(int shard) {
        Semaphore s = wakeups[shard];
        if (s.availablePermits() == 0) {
            s.release();
        }
    }

    /** Waits until woken or the timeout passes. */
    void await(int shard, Duration timeout) throws InterruptedException {
        Semaphore s = wakeups[shard];
        if (s.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            s.drainPermits();
        }
    }
}
