package dev.guildhall.bench.voice;

import java.util.List;
import java.util.Locale;

/**
 * One step's figures. Latencies in milliseconds (NaN: nothing measured), CPU in cores (NaN: unknown).
 *
 * @param forwardedPerSecond packets the receivers got per second, stamped inside the window
 * @param nodeReceivedPerSecond the node's own count of packets received and decrypted per second (sent: N × 50)
 * @param nodeForwardedPerSecond the node's own count of packets queued towards receivers per second
 * @param joinPhases p50 from the join's start to: allocated (or REST answered), first offer, transport connected;
 *                   then connected p95
 * @param firstPhase what ends the join's first phase: "allocated" (direct) or "REST answered" (fleet)
 */
record VoiceStepResult(int endpoints, int conferences, long streams, double forwardedPerSecond, double nodeCores,
                       double lossPercent, double nodeP50, double nodeP99, double endToEndP50, double endToEndP99,
                       double joinP50, double joinP95, int errors, double windowSeconds, int joined,
                       double[] joinPhases, String firstPhase, long joinAudioSamples, double nodeForwardedPerSecond,
                       double nodeReceivedPerSecond, long nodeQueueDrops, double benchCores, double machineCores, double sendLagP99,
                       long skippedSends, long emptyStreams, long expected, long received, List<String> errorSamples) {

    static final List<String> HEADER = List.of("endpoints", "conferences", "streams", "fwd pkt/s", "node cores",
            "streams/core", "loss %", "node p50", "node p99", "e2e p50", "e2e p99", "join p50", "join p95", "errors");

    double streamsPerCore() {
        return nodeCores > 0 ? streams / nodeCores : Double.NaN;
    }

    List<String> cells() {
        return List.of(Integer.toString(endpoints), Integer.toString(conferences), Long.toString(streams),
                fixed(forwardedPerSecond, 0), fixed(nodeCores, 2), fixed(streamsPerCore(), 0),
                fixed(lossPercent, 3), millis(nodeP50), millis(nodeP99), millis(endToEndP50), millis(endToEndP99),
                millis(joinP50), millis(joinP95), Integer.toString(errors));
    }

    String details() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "  %d endpoints / %d conferences: %d joined; %.0f s window; %d of %d packets received (%d streams got"
                        + " none); node received %.0f pkt/s of %d × 50 sent, queued %.0f pkt/s, its full receiver queues dropped %d;%n  join p50: %s %s,"
                        + " first offer %s, DTLS-SRTP connected %s ms (p95 %s); join→first audio from %d joins; CPU: node"
                        + " %s, bench %s, whole machine %s cores; bench send lag p99 %s ms, %d sends skipped",
                endpoints, conferences, joined, windowSeconds, received, expected, emptyStreams, nodeReceivedPerSecond,
                joined, nodeForwardedPerSecond,
                nodeQueueDrops, firstPhase, millis(joinPhases[0]), millis(joinPhases[1]), millis(joinPhases[2]),
                millis(joinPhases[3]), joinAudioSamples, fixed(nodeCores, 2),
                fixed(benchCores, 2), fixed(machineCores, 2), millis(sendLagP99), skippedSends));
        if (!errorSamples.isEmpty()) {
            out.append("\n  errors, e.g.: ").append(String.join(" | ", errorSamples));
        }
        return out.toString();
    }

    /** Milliseconds: two decimals below 10 ms (the node's figures are sub-millisecond), else one or none. */
    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        return ms < 1000 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }

    static String fixed(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
