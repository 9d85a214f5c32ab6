package dev.guildhall.bench.chaos;

import java.util.Locale;

/**
 * What killing one process did. {@code down}: SIGKILL until the supervisor had it running (healthy) again. The
 * send counts are of sends started while it was down; {@code retried}: of those, sends that were refused for a moment
 * and sent again (rolling runs only, as the web client does), the other counts being each send's last answer. {@code lost}: acknowledged messages missing from the
 * channel's history or from at least one client of the server at the end. {@code sendBack}/{@code deliveryBack}:
 * seconds from the kill until send and delivery p99 were under target for 3 windows of 2 s in a row (NaN: not
 * before the next victim).
 *
 * @param name victim, or "(baseline)" for the load before the first kill
 */
public record VictimResult(String name, double downSeconds, long sendsDuringDown, long ackedDuringDown,
                           long retried, long refusedFast, long failedFast, long hung, long acked, long lost, long missingAtClients,
                           long duplicates, long orderViolations, int resumes, int reidentified, double sendBack,
                           double deliveryBack, double sendP99, double deliveryP99) {

    boolean clean() {
        return lost == 0 && missingAtClients == 0 && duplicates == 0 && orderViolations == 0;
    }

    static String seconds(double s) {
        return Double.isNaN(s) ? "not yet" : String.format(Locale.ROOT, "%.1f", s);
    }

    /** A p99 that is an unacknowledged send (recorded as 3,000 s, ChaosEngine) reads "refused". */
    static String millis(double ms) {
        if (ms >= 3_000_000) {
            return "refused";
        }
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.0f", ms);
    }
}
