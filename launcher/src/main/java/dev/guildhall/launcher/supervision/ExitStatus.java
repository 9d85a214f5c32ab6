package dev.guildhall.launcher.supervision;

import java.time.Instant;
import java.util.Map;

/**
 * How and when a process ended.
 *
 * @param code the exit value as Java reports it (128 + n when signal n killed it), or {@code null}
 *             when it cannot be known (a process the launcher watches but did not start itself)
 * @param at   when the launcher saw it end
 */
public record ExitStatus(Integer code, Instant at) {

    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    /** {@code SIGKILL}, {@code exit 1}, {@code exit ?}: a signal for 129-159 as shells and Kubernetes show it. */
    public String describe() {
        if (code == null) {
            return "exit ?";
        }
        if (code > 128 && code < 160) {
            return SIGNALS.getOrDefault(code - 128, "signal " + (code - 128));
        }
        return "exit " + code;
    }
}
