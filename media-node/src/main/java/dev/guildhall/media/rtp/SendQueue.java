package dev.guildhall.media.rtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receiver's bounded outgoing queue with its own thread: the fan-out only offers to it, so a
 * receiver whose sends are slow loses its own packets (counted) and never stalls the sender's
 * read thread or other receivers. The drain encrypts per receiver and sends.
 */
public final class SendQueue {

    /** Encrypts and sends one packet towards the receiver. */
    public interface Sink {
        void send(Packet packet, boolean rtcp);
    }

    private record Item(Packet packet, boolean rtcp) {
    }

    private static final Logger log = LoggerFactory.getLogger(SendQueue.class);
    private final BlockingQueue<Item> queue;
    private final Sink sink;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean closed;

    public SendQueue(String name, int capacity, Sink sink) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.thread = new Thread(this::drain, "send-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Never blocks: a full queue drops the packet. */
    public boolean offer(Packet packet, boolean rtcp) {
        if (closed || !queue.offer(new Item(packet, rtcp))) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    private void drain() {
        while (!closed) {
            try {
                Item item = queue.poll(500, TimeUnit.MILLISECONDS);
                if (item != null) {
                    sink.send(item.packet(), item.rtcp());
                    sent.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.debug("send failed: {}", e.toString());
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long sent() {
        return sent.get();
    }

    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
    }
}
