package dev.guildhall.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds of a process and of the whole machine, from Linux' /proc; null where there is no /proc. */
public final class ProcCpu {

    /** Linux' USER_HZ: /proc reports CPU time in these ticks. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    /** utime + stime of a process (its reaped children not counted). */
    public static Double processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name may contain spaces: fields after the closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Non-idle CPU seconds of the machine since boot (all cores). */
    public static Double machineBusySeconds() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
