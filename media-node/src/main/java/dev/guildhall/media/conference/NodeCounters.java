package dev.guildhall.media.conference;

import dev.guildhall.media.rtp.Packet;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/** Node-wide packet counters: cheap to bump from every packet thread, read by metrics and load reports. */
public final class NodeCounters {

    private final LongAdder receivedWindow = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile LongConsumer forwardLatency = nanos -> {
    };

    void countReceived() {
        receivedWindow.increment();
        received.increment();
    }

    void countForwarded(boolean queued) {
        if (queued) {
            forwarded.increment();
        } else {
            dropped.increment();
        }
    }

    /**
     * A packet left towards one receiver: if it carries its arrival time (a forwarded copy, not a
     * retransmission or the node's own RTCP), the time it spent in the node goes to the latency sink.
     */
    public void countSent(Packet packet) {
        long arrived = packet.receivedNanos();
        if (arrived != 0) {
            forwardLatency.accept(System.nanoTime() - arrived);
        }
    }

    /** Where forward latencies (nanoseconds, datagram read → encrypted and handed to the socket) go: metrics. */
    public void onForwardLatency(LongConsumer sink) {
        this.forwardLatency = sink;
    }

    /** Packets received since the last call. */
    public long takeReceivedWindow() {
        return receivedWindow.sumThenReset();
    }

    public long received() {
        return received.sum();
    }

    public long forwarded() {
        return forwarded.sum();
    }

    /** Packets a receiver's full queue refused. */
    public long dropped() {
        return dropped.sum();
    }
}
