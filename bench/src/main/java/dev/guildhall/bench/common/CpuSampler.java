package dev.guildhall.bench.common;

import dev.guildhall.bench.common.ProcCpu;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the fleet's processes (from the launcher's pid files), of the bench itself and of the
 * whole machine, read from /proc. On a shared 2-core machine latency figures mostly say how busy
 * the machine was; CPU seconds per message say what each service costs, whoever else was running.
 */
public final class CpuSampler {

    /** The sample's entry for this JVM (the load generator). */
    public static final String BENCH = "bench (this JVM)";
    /** The sample's entry for the whole machine's busy CPU. */
    public static final String MACHINE = "machine (all processes)";

    private final Map<String, Long> pids = new LinkedHashMap<>();

    /** Reads {@code <data>/run/*.pid} ("pid start-millis"), Redis' and MariaDB's own pid files. */
    public CpuSampler(Path dataDir) {
        if (dataDir != null) {
            readPidFiles(dataDir.resolve("run"), "*.pid");
            readPidFiles(dataDir.resolve("redis"), "redis.pid");
            readPidFiles(dataDir.resolve("mariadb"), "*.pid");
        }
        pids.put(BENCH, ProcessHandle.current().pid());
    }

    private void readPidFiles(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path file : files) {
                String[] parts = Files.readString(file).trim().split("\\s+");
                String name = file.getFileName().toString().replace(".pid", "");
                if (dir.getFileName().toString().equals("mariadb")) {
                    name = "mariadb";
                }
                pids.put(name, Long.parseLong(parts[0]));
            }
        } catch (IOException | RuntimeException e) {
            // CPU figures are extra; the bench runs without them
        }
    }

    public boolean knowsFleet() {
        return pids.size() > 1;
    }

    /** CPU seconds so far per process name, plus "machine (all processes)". */
    public Map<String, Double> sample() {
        Map<String, Double> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Double s = processSeconds(pid);
            if (s != null) {
                out.put(name, s);
            }
        });
        Double machine = machineBusySeconds();
        if (machine != null) {
            out.put(MACHINE, machine);
        }
        return out;
    }

    static Double processSeconds(long pid) {
        return ProcCpu.processSeconds(pid);
    }

    static Double machineBusySeconds() {
        return ProcCpu.machineBusySeconds();
    }

    /** Per process: cores used over {@code seconds} and CPU ms per message, busiest first. */
    public static String describe(Map<String, Double> before, Map<String, Double> after, double seconds, long messages) {
        StringBuilder out = new StringBuilder();
        double fleet = 0;
        Map<String, Double> used = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : after.entrySet()) {
            Double b = before.get(e.getKey());
            if (b != null) {
                used.put(e.getKey(), e.getValue() - b);
                if (!e.getKey().startsWith("machine") && !e.getKey().startsWith("bench")) {
                    fleet += e.getValue() - b;
                }
            }
        }
        Double machine = used.remove("machine (all processes)");
        Double bench = used.get("bench (this JVM)");
        out.append(String.format(Locale.ROOT, "    CPU over %.0f s: fleet %.2f cores (%.2f ms per message)", seconds,
                fleet / seconds, messages > 0 ? fleet * 1000 / messages : Double.NaN));
        if (bench != null) {
            out.append(String.format(Locale.ROOT, ", bench %.2f cores", bench / seconds));
        }
        if (machine != null) {
            out.append(String.format(Locale.ROOT, ", whole machine %.2f cores (others %.2f)", machine / seconds,
                    (machine - fleet - (bench == null ? 0 : bench)) / seconds));
        }
        used.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("bench"))
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.append(String.format(Locale.ROOT, "%n      %-22s %5.2f cores  %6.3f ms/message",
                        e.getKey(), e.getValue() / seconds, messages > 0 ? e.getValue() * 1000 / messages : Double.NaN)));
        return out.toString();
    }

    /** The fleet's CPU between two samples per message, in ms ("-" without the fleet's pids or messages). */
    public static String fleetMillisPerMessage(Map<String, Double> before, Map<String, Double> after, long messages) {
        double fleet = 0;
        boolean any = false;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            Double b = before.get(e.getKey());
            if (b != null && !e.getKey().startsWith("machine") && !e.getKey().startsWith("bench")) {
                fleet += e.getValue() - b;
                any = true;
            }
        }
        return any && messages > 0 ? String.format(Locale.ROOT, "%.2f", fleet * 1000 / messages) : "-";
    }
}
