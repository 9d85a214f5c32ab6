package dev.guildhall.media.conference;

import java.util.concurrent.atomic.LongAdder;

/** Node-wide packet counters: cheap to bump from every packet thread, read by metrics and load reports. */
public final class NodeCounters {

    private final LongAdder receivedWindow = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder dropped = new LongAdder();

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
