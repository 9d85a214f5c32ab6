package dev.guildhall.bench.voice;

import java.util.List;

/**
 * Loss over a measured window, per (source, receiver) stream: every endpoint that took part counts the
 * packets it sent with a send instant inside the window, every receiver counts, per source, the packets
 * it got whose stamp lies inside the window. A stream expects what its source sent.
 */
final class StreamTally {

    /** One endpoint's part: what it sent in the window, and what it received from each conference member. */
    interface Member {
        long sentInWindow();

        /** Packets from {@code source} (another member's index) stamped inside the window. */
        long receivedFrom(Member source);
    }

    private long streams;
    private long expected;
    private long received;
    private long emptyStreams;

    /** Adds one conference's members (those that joined; the others are errors, not loss). */
    void addConference(List<? extends Member> members) {
        for (Member receiver : members) {
            for (Member source : members) {
                if (source == receiver) {
                    continue;
                }
                streams++;
                long sent = source.sentInWindow();
                long got = Math.min(sent, receiver.receivedFrom(source));
                expected += sent;
                received += got;
                if (sent > 0 && got == 0) {
                    emptyStreams++;
                }
            }
        }
    }

    long streams() {
        return streams;
    }

    long expected() {
        return expected;
    }

    long received() {
        return received;
    }

    /** Streams that got nothing at all although their source sent. */
    long emptyStreams() {
        return emptyStreams;
    }

    /** Lost packets in percent of expected; NaN when nothing was expected. */
    double lossPercent() {
        return expected == 0 ? Double.NaN : 100.0 * (expected - received) / expected;
    }
}
