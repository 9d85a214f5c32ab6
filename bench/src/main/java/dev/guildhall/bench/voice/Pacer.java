package dev.guildhall.bench.voice;

import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends every connected endpoint's audio at 50 packets/s from a few threads (an endpoint belongs to one
 * of them, so its SRTP context has one writer). Endpoints get phases spread over the 20 ms period, so the
 * node sees a steady stream rather than bursts every 20 ms. A thread that falls behind catches up, but
 * never by more than {@link #MAX_CATCH_UP} packets at once: the rest are skipped and counted, a sign
 * the bench machine, not the node, ran out of CPU.
 */
final class Pacer implements AutoCloseable {

    static final long PERIOD_NANOS = 20_000_000L;
    private static final int MAX_CATCH_UP = 5;
    /** Golden-ratio spacing: any number of endpoints spreads evenly over the period. */
    private static final double SPREAD = 0.6180339887;

    private final List<Shard> shards = new ArrayList<>();
    private final int payloadBytes;
    private final long base = System.nanoTime();
    private final Recorder lagMicros = new Recorder(60_000_000L, 2);
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;

    Pacer(int threads, int payloadBytes) {
        this.payloadBytes = payloadBytes;
        for (int i = 0; i < threads; i++) {
            Shard shard = new Shard();
            Thread t = new Thread(shard, "pacer-" + i);
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            t.start();
            shards.add(shard);
        }
    }

    /** Phase of an endpoint inside the 20 ms period. */
    static long phase(int index) {
        double f = (index * SPREAD) % 1.0;
        return (long) (f * PERIOD_NANOS);
    }

    /** The first send instant at or after {@code now} for an endpoint with {@code phase}, on a grid from {@code base}. */
    static long firstDue(long base, long phase, long now) {
        long start = base + phase;
        if (now <= start) {
            return start;
        }
        long periods = (now - start + PERIOD_NANOS - 1) / PERIOD_NANOS;
        return start + periods * PERIOD_NANOS;
    }

    void add(BenchEndpoint endpoint) {
        endpoint.nextDue = firstDue(base, phase(endpoint.index), System.nanoTime());
        shards.get(endpoint.index % shards.size()).inbox.add(endpoint);
    }

    /** Stops sending for every endpoint (between steps). */
    void clear() {
        shards.forEach(s -> s.clear = true);
    }

    /** How late sends were against their schedule since the last call, in microseconds. */
    org.HdrHistogram.Histogram takeLag() {
        return lagMicros.getIntervalHistogram();
    }

    long takeSkipped() {
        return skipped.getAndSet(0);
    }

    @Override
    public void close() {
        running = false;
    }

    private final class Shard implements Runnable {
        final Queue<BenchEndpoint> inbox = new ConcurrentLinkedQueue<>();
        volatile boolean clear;
        private final List<BenchEndpoint> endpoints = new ArrayList<>();

        @Override
        public void run() {
            while (running) {
                if (clear) {
                    endpoints.clear();
                    inbox.clear();
                    clear = false;
                }
                for (BenchEndpoint e = inbox.poll(); e != null; e = inbox.poll()) {
                    endpoints.add(e);
                }
                long now = System.nanoTime();
                long next = now + PERIOD_NANOS;
                for (BenchEndpoint e : endpoints) {
                    if (e.closedByBench) {
                        continue;
                    }
                    int sent = 0;
                    while (e.nextDue <= now) {
                        if (sent == MAX_CATCH_UP) {
                            long behind = (now - e.nextDue) / PERIOD_NANOS + 1;
                            skipped.addAndGet(behind);
                            e.nextDue += behind * PERIOD_NANOS;
                            break;
                        }
                        lagMicros.recordValue(Math.min(60_000_000L, (now - e.nextDue) / 1000));
                        e.sendAudio(payloadBytes);
                        e.nextDue += PERIOD_NANOS;
                        sent++;
                    }
                    next = Math.min(next, e.nextDue);
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }
}
