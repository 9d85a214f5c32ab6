package dev.guildhall.bench.common;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * A latency distribution in microseconds (1 µs to 5 min, 3 significant digits), safe to record
 * from many threads, read as milliseconds.
 */
public final class Latency {

    private static final long MAX_MICROS = 300_000_000L;

    private final Histogram histogram = new ConcurrentHistogram(1, MAX_MICROS, 3);

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(MAX_MICROS, nanos / 1_000)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The {@code percentile} (0–100) in milliseconds; NaN when nothing was recorded. */
    public double millis(double percentile) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(percentile) / 1000d;
    }

    public double maxMillis() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000d;
    }

    /** Milliseconds for a table cell: "12.3", "1234", or "–" when nothing was recorded. */
    public static String format(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.0f", millis);
        }
        return String.format(Locale.ROOT, "%.1f", millis);
    }
}
