package dev.guildhall.media.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per received SSRC: sequence tracking (RFC 3550 A.1, A.3), interarrival jitter (A.8) and bytes,
 * which feed the node's receiver reports and its bitrate estimate for REMB.
 */
public final class ReceiveStatistics implements PacketNode {

    private final PacketNode next;
    private final Map<Long, Stream> streams = new ConcurrentHashMap<>();

    public ReceiveStatistics(PacketNode next) {
        this.next = next;
    }

    @Override
    public void accept(Packet packet) {
        streams.computeIfAbsent(Rtp.ssrc(packet), s -> new Stream()).update(packet);
        next.accept(packet);
    }

    /** Report blocks since the last call, and the bits received per second over that interval. */
    public synchronized Snapshot snapshot() {
        List<Rtcp.ReportBlock> reports = new ArrayList<>();
        long bytes = 0;
        long now = System.nanoTime();
        double seconds = 1;
        for (Map.Entry<Long, Stream> e : streams.entrySet()) {
            Stream s = e.getValue();
            synchronized (s) {
                reports.add(s.report(e.getKey()));
                bytes += s.bytes - s.bytesAtLastReport;
                s.bytesAtLastReport = s.bytes;
                if (s.lastReportNanos > 0) {
                    seconds = Math.max(0.1, (now - s.lastReportNanos) / 1e9);
                }
                s.lastReportNanos = now;
            }
        }
        return new Snapshot(reports, (long) (bytes * 8 / seconds));
    }

    public List<Long> ssrcs() {
        return List.copyOf(streams.keySet());
    }

    public long packets() {
        return streams.values().stream().mapToLong(s -> s.received).sum();
    }

    /** Report blocks and the measured incoming bitrate (bits/s). */
    public record Snapshot(List<Rtcp.ReportBlock> reports, long bitrate) {
    }

    private static final class Stream {
        int baseSeq = -1;
        int maxSeq;
        long cycles;
        long received;
        long expectedPrior;
        long receivedPrior;
        long bytes;
        long bytesAtLastReport;
        long lastReportNanos;
        double jitter;
        long lastTransit = Long.MIN_VALUE;

        synchronized void update(Packet p) {
            int seq = Rtp.sequence(p);
            if (baseSeq < 0) {
                baseSeq = seq;
                maxSeq = seq;
            } else {
                int delta = (seq - maxSeq) & 0xFFFF;
                if (delta < 0x8000) {
                    if (seq < maxSeq) {
                        cycles += 0x10000;
                    }
                    maxSeq = seq;
                }
            }
            received++;
            bytes += p.length();
            int clockRate = Rtp.payloadType(p) == 111 ? 48000 : 90000;
            long arrival = System.nanoTime() * clockRate / 1_000_000_000L;
            long transit = arrival - Rtp.timestamp(p);
            if (lastTransit != Long.MIN_VALUE) {
                long d = Math.abs(transit - lastTransit);
                jitter += (d - jitter) / 16.0;
            }
            lastTransit = transit;
        }

        Rtcp.ReportBlock report(long ssrc) {
            long extendedMax = cycles + maxSeq;
            long expected = baseSeq < 0 ? 0 : extendedMax - baseSeq + 1;
            long lost = expected - received;
            long expectedInterval = expected - expectedPrior;
            long receivedInterval = received - receivedPrior;
            expectedPrior = expected;
            receivedPrior = received;
            long lostInterval = expectedInterval - receivedInterval;
            int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
            return new Rtcp.ReportBlock(ssrc, Math.min(255, fraction), (int) lost, extendedMax, (long) jitter);
        }
    }
}
