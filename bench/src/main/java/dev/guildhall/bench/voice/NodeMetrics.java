package dev.guildhall.bench.voice;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One scrape of the node's {@code /actuator/prometheus}, reduced to what the bench reads: counters and
 * the cumulative buckets of {@code media_forward_latency_seconds} (summed over label sets). Two scrapes
 * give the window between them: counter deltas and the latency percentiles of just that window.
 */
record NodeMetrics(Map<String, Double> values, NavigableMap<Double, Double> latencyBuckets) {

    static final String LATENCY = "media_forward_latency_seconds";
    static final String FORWARDED = "media_packets_forwarded_total";
    static final String DROPPED = "media_packets_dropped_total";
    static final String RECEIVED = "media_packets_received_total";

    static final NodeMetrics EMPTY = new NodeMetrics(Map.of(), new TreeMap<>());

    /** Parses the text exposition format; unknown or malformed lines are skipped. */
    static NodeMetrics parse(String text) {
        Map<String, Double> values = new TreeMap<>();
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String series = line.substring(0, space).trim();
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            if (name.equals(LATENCY + "_bucket")) {
                Double le = label(series, "le");
                if (le != null) {
                    buckets.merge(le, value, Double::sum);
                }
            } else {
                values.merge(name, value, Double::sum);
            }
        }
        return new NodeMetrics(values, buckets);
    }

    private static Double label(String series, String name) {
        int at = series.indexOf(name + "=\"");
        if (at < 0) {
            return null;
        }
        int from = at + name.length() + 2;
        int to = series.indexOf('"', from);
        String v = series.substring(from, to);
        return v.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
    }

    double value(String name) {
        return values.getOrDefault(name, 0d);
    }

    /** This scrape minus an earlier one. */
    NodeMetrics since(NodeMetrics earlier) {
        Map<String, Double> v = new TreeMap<>();
        values.forEach((k, x) -> v.put(k, x - earlier.values.getOrDefault(k, 0d)));
        NavigableMap<Double, Double> b = new TreeMap<>();
        latencyBuckets.forEach((k, x) -> b.put(k, x - earlier.latencyBuckets.getOrDefault(k, 0d)));
        return new NodeMetrics(v, b);
    }

    double latencyCount() {
        return latencyBuckets.isEmpty() ? 0 : latencyBuckets.lastEntry().getValue();
    }

    /**
     * The {@code percentile} (0–100) of the forward latency in milliseconds, interpolated linearly inside
     * the bucket it falls in (buckets are ~10–30 % wide); NaN without data; the last finite bound if it
     * falls in the +Inf bucket.
     */
    double latencyMillis(double percentile) {
        double total = latencyCount();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = total * percentile / 100;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : latencyBuckets.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerBound * 1000;
                }
                double width = e.getValue() - lowerCount;
                double fraction = width <= 0 ? 1 : (rank - lowerCount) / width;
                return (lowerBound + (e.getKey() - lowerBound) * fraction) * 1000;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound * 1000;
    }
}
