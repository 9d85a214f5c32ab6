package dev.guildhall.bench.chaos;

import dev.guildhall.bench.common.TextTable;

import java.util.List;

/** The whole run: the load before any kill, then one row per victim. */
public record ChaosResult(VictimResult baseline, List<VictimResult> victims, long acked, int clients,
                          String world) {

    /** No acknowledged message lost (history or any client), none shown twice, none out of order. */
    public boolean clean() {
        return baseline.clean() && victims.stream().allMatch(VictimResult::clean);
    }

    public long lost() {
        return baseline.lost() + baseline.missingAtClients()
                + victims.stream().mapToLong(v -> v.lost() + v.missingAtClients()).sum();
    }

    public long duplicates() {
        return baseline.duplicates() + victims.stream().mapToLong(VictimResult::duplicates).sum();
    }

    public long orderViolations() {
        return baseline.orderViolations() + victims.stream().mapToLong(VictimResult::orderViolations).sum();
    }

    public long hung() {
        return victims.stream().mapToLong(VictimResult::hung).sum();
    }

    /** Sends not acknowledged while a victim was down or restarting (a rolling restart must have none). */
    public long unacknowledgedWhileDown() {
        return victims.stream().mapToLong(v -> v.sendsDuringDown() - v.ackedDuringDown()).sum();
    }

    public String table() {
        TextTable t = new TextTable(List.of("victim", "down s", "sends while down", "acked", "retried", "503/429+RA",
                "other fast", "hung>2s", "acked in phase", "lost", "missing@client", "dup", "order", "resumed",
                "re-identified", "send p99 ok after s", "delivery p99 ok after s", "send p99 ms", "delivery p99 ms"));
        for (VictimResult v : concat()) {
            boolean base = v == baseline;
            t.row(List.of(v.name(), base ? "-" : VictimResult.seconds(v.downSeconds()),
                    base ? "-" : Long.toString(v.sendsDuringDown()), base ? "-" : Long.toString(v.ackedDuringDown()),
                    base ? "-" : Long.toString(v.retried()),
                    base ? "-" : Long.toString(v.refusedFast()), base ? "-" : Long.toString(v.failedFast()),
                    base ? "-" : Long.toString(v.hung()), Long.toString(v.acked()), Long.toString(v.lost()),
                    Long.toString(v.missingAtClients()), Long.toString(v.duplicates()),
                    Long.toString(v.orderViolations()), Integer.toString(v.resumes()),
                    Integer.toString(v.reidentified()), base ? "-" : VictimResult.seconds(v.sendBack()),
                    base ? "-" : VictimResult.seconds(v.deliveryBack()), VictimResult.millis(v.sendP99()),
                    VictimResult.millis(v.deliveryP99())));
        }
        return t.render();
    }

    private List<VictimResult> concat() {
        List<VictimResult> all = new java.util.ArrayList<>();
        all.add(baseline);
        all.addAll(victims);
        return all;
    }
}
