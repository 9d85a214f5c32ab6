package dev.guildhall.bench.chaos;

import dev.guildhall.bench.common.Machine;
import dev.guildhall.bench.common.Progress;

/** {@code ./guildhall chaos}: kills each process of a running fleet under load and prints what it cost. */
public final class ChaosBench {

    private ChaosBench() {
    }

    public static void main(String[] args) throws Exception {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ChaosOptions.USAGE);
            System.exit(2);
            return;
        }
        ChaosResult r = new ChaosEngine(options, new Progress()).run();
        System.out.printf("Guildhall chaos: %s%n%s, load average %s%n", options.note(), Machine.describe(),
                Machine.loadAverage());
        System.out.printf("%s; %d clients; %.0f msg/s; %d messages acknowledged%n", r.world(), r.clients(),
                options.rate(), r.acked());
        System.out.printf("targets: send p99 %.0f ms, delivery p99 %.0f ms (windows of %.0f s, %d in a row)%n",
                options.sendTargetMillis(), options.deliveryTargetMillis(), ChaosEngine.WINDOW_SECONDS,
                ChaosEngine.WINDOWS_IN_A_ROW);
        System.out.println(r.table());
        boolean pass = r.clean() && (!options.rolling() || r.unacknowledgedWhileDown() == 0);
        System.out.printf("%s: lost %d, duplicates %d, order violations %d, sends hung > 2 s %d, sends not"
                        + " acknowledged while a victim was %s %d: %s%n", options.rolling() ? "rolling restart" : "SIGKILL",
                r.lost(), r.duplicates(), r.orderViolations(), r.hung(), options.rolling() ? "restarting" : "down",
                r.unacknowledgedWhileDown(), pass ? "PASS" : "FAIL");
        System.exit(pass ? 0 : 1);
    }
}
