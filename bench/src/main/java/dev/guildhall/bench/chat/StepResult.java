package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.Latency;
import dev.guildhall.bench.common.CpuSampler;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one step measured (its measured window only).
 *
 * @param sentPerSecond  messages sent per second of the measured window, as actually sent
 * @param accepted       sends answered 200
 * @param deliveries     MESSAGE_CREATE frames received for measured messages
 * @param expected       deliveries owed: for each accepted message, the READY sessions of its server when it was sent
 * @param lost           expected deliveries that never arrived (after the drain)
 * @param duplicates     deliveries beyond the expected ones (redeliveries)
 * @param maxLagMillis   how far the sender fell behind its schedule at worst
 * @param sessions       READY sessions at the end of the step
 * @param cpu            CPU used during the measured window, per process (see {@link CpuSampler})
 */
record StepResult(int step, double targetRate, double measuredSeconds, int measured, double sentPerSecond,
                  long accepted, Latency rest, Latency delivery, long deliveries, long expected, long lost,
                  long duplicates, Map<String, Long> errors, double maxLagMillis, String loadBefore,
                  String loadAfter, int sessions, String cpu) {

    static final List<String> HEADER = List.of("target/s", "sent/s", "REST p50", "p95", "p99",
            "deliv. p50", "p95", "p99", "deliveries/s", "errors", "lost", "load 1m");

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double deliveriesPerSecond() {
        return deliveries / measuredSeconds;
    }

    /**
     * Sustained: nothing failed or was lost, the sender kept up (≥ 98 % of the target), and neither
     * latency's p99 passed {@code p99LimitMillis} — a backlog that grows through the window would.
     */
    boolean sustained(double p99LimitMillis) {
        return errorCount() == 0 && lost == 0 && sentPerSecond >= 0.98 * targetRate
                && rest.millis(99) <= p99LimitMillis && delivery.millis(99) <= p99LimitMillis;
    }

    List<String> cells() {
        return List.of(fmt("%.0f", targetRate), fmt("%.1f", sentPerSecond),
                Latency.format(rest.millis(50)), Latency.format(rest.millis(95)), Latency.format(rest.millis(99)),
                Latency.format(delivery.millis(50)), Latency.format(delivery.millis(95)),
                Latency.format(delivery.millis(99)), fmt("%.0f", deliveriesPerSecond()),
                Long.toString(errorCount()), Long.toString(lost),
                loadBefore.split(" ")[0] + " → " + loadAfter.split(" ")[0]);
    }

    /** The lines under the table: counts, maxima and what the errors were. */
    String details() {
        StringBuilder out = new StringBuilder(fmt(
                "  step %d: %d sent, %d accepted; REST max %s ms; delivery max %s ms; %d of %d deliveries "
                        + "(%d duplicates); sender lag max %.1f ms; %d sessions READY; load %s → %s",
                step, measured, accepted, Latency.format(rest.maxMillis()), Latency.format(delivery.maxMillis()),
                deliveries, expected, duplicates, maxLagMillis, sessions, loadBefore, loadAfter));
        errors.forEach((what, count) -> out.append(fmt("%n    error: %d × %s", count, what)));
        out.append('\n').append(cpu);
        return out.toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
