package dev.guildhall.media.rtp;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's few sender threads ({@code media-send-N}), shared by every receiver's {@link SendQueue}: a
 * queue with packets is handed to the pool once, a worker drains a batch of it, so a busy node wakes a
 * thread per batch rather than per packet (ADR 098). Each queue is in the pool's run queue at most once,
 * so that queue never holds more than one entry per receiver. Idle workers exit after a while and come
 * back with the next packet.
 */
public final class SendPool implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ThreadPoolExecutor executor;

    /** @param threads worker threads; 0 = {@link #defaultThreads()} */
    public SendPool(int threads) {
        int n = threads > 0 ? threads : defaultThreads();
        executor = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "media-send-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * {@code max(4, 2 × availableProcessors)}: more workers than cores, so a worker the OS preempts (a
     * shared or oversubscribed machine) does not hold up every receiver; with two workers on two busy
     * cores the voice bench's node p99 was 16–50 ms, with four or eight 2.9–4.7 ms (ADR 098).
     */
    public static int defaultThreads() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return executor.getMaximumPoolSize();
    }

    /** False if the pool is closed: the caller's work will not run. */
    boolean submit(Runnable drain) {
        try {
            executor.execute(drain);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
