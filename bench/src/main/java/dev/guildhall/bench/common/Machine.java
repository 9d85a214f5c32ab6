package dev.guildhall.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine the figures were taken on: they mean little without it. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        return String.format(Locale.ROOT, "%d cores, %s RAM, %s %s (%s), %s", Runtime.getRuntime().availableProcessors(),
                memory(), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), os());
    }

    /** The 1-, 5- and 15-minute load averages, e.g. "3.10 2.05 1.20"; "?" where there is no /proc. */
    public static String loadAverage() {
        String line = read("/proc/loadavg");
        if (line == null) {
            return "?";
        }
        String[] parts = line.trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "?";
    }

    private static String memory() {
        String info = read("/proc/meminfo");
        if (info != null) {
            for (String line : info.split("\n")) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.0f GiB", kib / 1048576d);
                }
            }
        }
        return "? GiB";
    }

    private static String os() {
        String release = read("/etc/os-release");
        if (release != null) {
            for (String line : release.split("\n")) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
