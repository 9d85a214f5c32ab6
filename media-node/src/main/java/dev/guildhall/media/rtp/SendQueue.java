package dev.guildhall.media.rtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receiver's bounded outgoing queue, drained by the node's {@link SendPool}: the fan-out only offers to
 * it, so a receiver whose sends are slow loses its own packets (counted) and never stalls the sender's
 * read thread or other receivers. The drain encrypts per receiver and sends.
 *
 * <p>At most one worker drains a queue at a time, so a receiver's packets leave in order: the offer that
 * finds the queue idle marks it scheduled and hands it to the pool; the worker sends up to a batch, then
 * hands it back if more is waiting, else clears the mark and looks once more (an offer that saw the mark
 * still set between the worker's last poll and the clear would otherwise wait for the next packet).
 */
public final class SendQueue {

    /** Encrypts and sends one packet towards the receiver. */
    public interface Sink {
        void send(Packet packet, boolean rtcp);
    }

    private record Item(Packet packet, boolean rtcp) {
    }

    /** Packets one turn of a worker sends for one receiver before the others get theirs. */
    static final int BATCH = 32;

    private static final Logger log = LoggerFactory.getLogger(SendQueue.class);
    private final BlockingQueue<Item> queue;
    private final Sink sink;
    private final SendPool pool;
    private final String name;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Runnable drain = this::drain;
    private volatile boolean closed;

    public SendQueue(SendPool pool, String name, int capacity, Sink sink) {
        this.pool = pool;
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
    }

    /** Never blocks: a full (or closed) queue drops the packet. */
    public boolean offer(Packet packet, boolean rtcp) {
        if (closed || !queue.offer(new Item(packet, rtcp))) {
            dropped.incrementAndGet();
            return false;
        }
        schedule();
        return true;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true) && !pool.submit(drain)) {
            // the pool is gone (node shutting down): nothing will send these
            scheduled.set(false);
            queue.clear();
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH && !closed; i++) {
                Item item = queue.poll();
                if (item == null) {
                    break;
                }
                try {
                    sink.send(item.packet(), item.rtcp());
                    sent.incrementAndGet();
                } catch (RuntimeException e) {
                    log.debug("send to {} failed: {}", name, e.toString());
                }
            }
        } finally {
            if (closed) {
                queue.clear();
            } else if (!queue.isEmpty()) {
                // still ours: back to the end of the pool's line, behind the other receivers
                if (!pool.submit(drain)) {
                    scheduled.set(false);
                    queue.clear();
                }
            } else {
                scheduled.set(false);
                if (!queue.isEmpty()) {
                    schedule();
                }
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long sent() {
        return sent.get();
    }

    /** Stops sending (a send already in progress completes) and releases what is queued. */
    public void close() {
        closed = true;
        queue.clear();
    }
}
