package dev.guildhall.bench.http;

import dev.guildhall.bench.common.Latency;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One route's row of the report: the loop's outcome and the CPU the fleet and the bench used meanwhile. */
record RouteResult(String route, ClosedLoop.Outcome outcome, Double fleetCpuSeconds, Double benchCpuSeconds) {

    static final List<String> HEADER = List.of("ROUTE", "REQ/S", "P50", "P90", "P99", "MAX", "NON-2XX",
            "ERRORS", "FLEET CORES", "FLEET MS/REQ", "BENCH CORES");

    List<String> cells() {
        Latency l = outcome.latency();
        double s = outcome.seconds();
        return List.of(route, String.format(Locale.ROOT, "%.0f", outcome.perSecond()),
                Latency.format(l.millis(50)), Latency.format(l.millis(90)), Latency.format(l.millis(99)),
                Latency.format(l.maxMillis()), non2xx(outcome.non2xx()), Long.toString(outcome.errors()),
                fleetCpuSeconds == null ? "-" : String.format(Locale.ROOT, "%.2f", fleetCpuSeconds / s),
                fleetCpuSeconds == null || outcome.requests() == 0 ? "-"
                        : String.format(Locale.ROOT, "%.2f", fleetCpuSeconds * 1000 / outcome.requests()),
                benchCpuSeconds == null ? "-" : String.format(Locale.ROOT, "%.2f", benchCpuSeconds / s));
    }

    /** "0", or the statuses with their counts, e.g. "429×12 503×3". */
    static String non2xx(Map<Integer, Long> byStatus) {
        if (byStatus.isEmpty()) {
            return "0";
        }
        return byStatus.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
