package dev.guildhall.media.ice;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The send side of an ICE transport before its agent has selected a pair: datagrams are held (a few,
 * copied) and sent in order once it has, then everything passes straight through. The peer's agent
 * usually completes first — controlled, it learns of the nomination from the node's check, before the
 * node has the answer to that check — so its ClientHello can arrive a few milliseconds before the node's
 * agent is Completed, and the DTLS server answers at once. Dropping that flight cost a 1 s DTLS
 * retransmission on some joins (ADR 097).
 */
final class HeldDatagrams {

    /** Where datagrams go once the gate is open. */
    interface Sink {
        void send(byte[] buf, int off, int len) throws IOException;
    }

    /** A DTLS flight is at most a handful of datagrams; a peer that keeps sending into a closed gate loses the rest. */
    static final int CAPACITY = 32;

    private final Sink sink;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private volatile boolean open;
    private boolean closed;
    private int dropped;

    HeldDatagrams(Sink sink) {
        this.sink = sink;
    }

    /**
     * Sends now if open, otherwise holds a copy.
     *
     * @return false if the datagram was dropped (gate closed for good, or too many held)
     */
    boolean send(byte[] buf, int off, int len) throws IOException {
        if (!open) {
            synchronized (this) {
                if (!open) {
                    if (closed || held.size() >= CAPACITY) {
                        dropped++;
                        return false;
                    }
                    held.add(Arrays.copyOfRange(buf, off, off + len));
                    return true;
                }
            }
        }
        sink.send(buf, off, len);
        return true;
    }

    /**
     * Sends what was held, in order, and lets later datagrams through; a sender waiting meanwhile goes
     * after them.
     *
     * @return how many held datagrams were sent
     */
    synchronized int open() throws IOException {
        if (open || closed) {
            return 0;
        }
        int sent = 0;
        IOException failure = null;
        for (byte[] d = held.poll(); d != null; d = held.poll()) {
            try {
                sink.send(d, 0, d.length);
                sent++;
            } catch (IOException e) {
                failure = e;
            }
        }
        open = true;
        if (failure != null) {
            throw failure;
        }
        return sent;
    }

    /** Drops what is held and everything after (the transport failed or closed). */
    synchronized void close() {
        closed = true;
        open = false;
        dropped += held.size();
        held.clear();
    }

    synchronized int dropped() {
        return dropped;
    }
}
