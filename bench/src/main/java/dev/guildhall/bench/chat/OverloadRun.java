package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.CpuSampler;
import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.Latency;
import dev.guildhall.bench.common.Machine;
import dev.guildhall.bench.common.Progress;
import dev.guildhall.bench.common.TextTable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench chat --overload F}: one open-loop step load — {@code --duration} s at {@code --rate}, then
 * {@code --overload-seconds} at F × the rate, then {@code --recovery-seconds} at the rate again (issue 12's
 * overload test). Unlike a {@link LoadStep}, a 429 is not an error here but the answer asked for: it is counted
 * as a refusal (and whether it carried {@code Retry-After}); what matters is that no send is answered 5xx, that
 * nothing accepted is lost, and how soon after the drop the per-second p99s are back under
 * {@code --recovery-p99-ms}. Latencies start at each message's scheduled instant, as in a step.
 */
final class OverloadRun implements GatewayClients.DeliverySink {

    /** The step number in the messages' marker, apart from the steps' (1, 2, ...) and the priming (0). */
    static final int STEP = 900;

    private static final int OK = 1;
    private static final int REFUSED = 2;
    private static final int SERVER_ERROR = 3;
    private static final int OTHER = 4;

    enum Phase {
        BASE("base"), OVERLOAD("overload"), RECOVERY("recovery");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    private final BenchOptions options;
    private final Fixture fixture;
    private final GatewayClients clients;
    private final HttpClient http;
    private final CpuSampler cpu;
    private final Progress progress;
    private final String run;
    private final long[] dueOffsets;
    private final Phase[] phases;
    private final int[] phaseStart = new int[Phase.values().length + 1];
    private final double[] phaseSeconds;
    private final AtomicIntegerArray status;
    private final AtomicIntegerArray expected;
    private final AtomicIntegerArray delivered;
    private final long[] due;
    private final PhaseStats[] stats = new PhaseStats[Phase.values().length];
    /** Per second of the recovery phase (by scheduled instant): REST and delivery latency. */
    private final Latency[] recoveryRest;
    private final Latency[] recoveryDelivery;
    private final LongAdder answered = new LongAdder();
    private final Map<String, LongAdder> otherErrors = new ConcurrentHashMap<>();
    private final List<Map<String, Double>> cpuAtBoundaries = new ArrayList<>();
    private final List<Long> boundaryNanos = new ArrayList<>();
    private volatile long startNanos;

    OverloadRun(BenchOptions options, Fixture fixture, GatewayClients clients, HttpClient http, CpuSampler cpu,
                Progress progress, String run) {
        this.options = options;
        this.fixture = fixture;
        this.clients = clients;
        this.http = http;
        this.cpu = cpu;
        this.progress = progress;
        this.run = run;
        this.phaseSeconds = new double[] {options.durationSeconds(), options.overloadSeconds(),
                options.recoverySeconds()};
        double[] rates = {options.rate(), options.rate() * options.overloadFactor(), options.rate()};
        List<Long> offsets = new ArrayList<>();
        List<Phase> which = new ArrayList<>();
        double phaseStartSeconds = 0;
        for (Phase p : Phase.values()) {
            phaseStart[p.ordinal()] = offsets.size();
            RateSchedule schedule = new RateSchedule(rates[p.ordinal()], fixture.pairs.size());
            int n = schedule.messagesIn(phaseSeconds[p.ordinal()]);
            long base = Math.round(phaseStartSeconds * 1e9);
            for (int i = 0; i < n; i++) {
                offsets.add(base + schedule.dueNanos(i));
                which.add(p);
            }
            phaseStartSeconds += phaseSeconds[p.ordinal()];
            stats[p.ordinal()] = new PhaseStats();
        }
        phaseStart[Phase.values().length] = offsets.size();
        int total = offsets.size();
        this.dueOffsets = offsets.stream().mapToLong(Long::longValue).toArray();
        this.phases = which.toArray(Phase[]::new);
        this.due = new long[total];
        this.status = new AtomicIntegerArray(total);
        this.expected = new AtomicIntegerArray(total);
        this.delivered = new AtomicIntegerArray(total);
        int recoverySeconds = (int) Math.ceil(options.recoverySeconds());
        this.recoveryRest = new Latency[recoverySeconds];
        this.recoveryDelivery = new Latency[recoverySeconds];
        for (int s = 0; s < recoverySeconds; s++) {
            recoveryRest[s] = new Latency();
            recoveryDelivery[s] = new Latency();
        }
    }

    /** @return the report's table and lines */
    String run() throws InterruptedException {
        String loadBefore = Machine.loadAverage();
        clients.sink(this);
        progress.say("overload: %.0f msg/s for %.0f s, %.0f msg/s for %.0f s, %.0f msg/s for %.0f s (%d messages)",
                options.rate(), phaseSeconds[0], options.rate() * options.overloadFactor(), phaseSeconds[1],
                options.rate(), phaseSeconds[2], dueOffsets.length);
        startNanos = System.nanoTime() + 50_000_000L;
        Phase current = null;
        for (int i = 0; i < dueOffsets.length; i++) {
            long at = startNanos + dueOffsets[i];
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (phases[i] != current) {
                current = phases[i];
                boundary();
                progress.say("overload: %s phase", current.label);
            }
            send(i, at);
        }
        boundary();
        long answerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (answered.sum() < dueOffsets.length && System.nanoTime() < answerDeadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long drainDeadline = System.nanoTime() + (long) (options.drainSeconds() * 1e9);
        while (missing() > 0 && System.nanoTime() < drainDeadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        clients.sink((s, q, n) -> { });
        return report(loadBefore, Machine.loadAverage());
    }

    private void boundary() {
        cpuAtBoundaries.add(cpu.sample());
        boundaryNanos.add(System.nanoTime());
    }

    private void send(int i, long at) {
        Fixture.Pair pair = fixture.pairs.get(i % fixture.pairs.size());
        Fixture.User user = fixture.users.get(pair.user());
        due[i] = at;
        expected.set(i, clients.recipients(pair.server()));
        String body = "{\"content\":\"" + GatewaySession.MARKER + STEP + ":" + i + "\",\"nonce\":\"" + run + "-o-"
                + i + "\"}";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(options.target() + "/api/v1/channels/" + pair.channel() + "/messages"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + user.accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long took = System.nanoTime() - at;
            PhaseStats s = stats[phases[i].ordinal()];
            if (error == null && response.statusCode() == 200) {
                status.set(i, OK);
                s.accepted.increment();
                s.rest.recordNanos(took);
                recovery(i, recoveryRest, took);
            } else if (error == null && response.statusCode() == 429) {
                status.set(i, REFUSED);
                s.refused.increment();
                if (response.headers().firstValue("Retry-After").isPresent()) {
                    s.retryAfter.increment();
                }
            } else if (error == null && response.statusCode() >= 500) {
                status.set(i, SERVER_ERROR);
                s.serverErrors.increment();
                otherErrors.computeIfAbsent(phases[i].label + ": HTTP " + response.statusCode()
                        + LoadStep.problemCode(response.body()), k -> new LongAdder()).increment();
            } else {
                status.set(i, OTHER);
                s.other.increment();
                String what = error == null ? "HTTP " + response.statusCode() + LoadStep.problemCode(response.body())
                        : (error.getCause() instanceof HttpTimeoutException || error instanceof HttpTimeoutException
                        ? "timed out (10 s)" : error.getClass().getSimpleName());
                otherErrors.computeIfAbsent(phases[i].label + ": " + what, k -> new LongAdder()).increment();
            }
            answered.increment();
        });
    }

    /** Records into the second of the recovery phase the message was scheduled in. */
    private void recovery(int i, Latency[] perSecond, long nanos) {
        if (phases[i] != Phase.RECOVERY) {
            return;
        }
        long intoRecovery = dueOffsets[i] - dueOffsets[phaseStart[Phase.RECOVERY.ordinal()]];
        int second = (int) (intoRecovery / 1_000_000_000L);
        if (second < perSecond.length) {
            perSecond[second].recordNanos(nanos);
        }
    }

    @Override
    public void delivered(int step, int seq, long receivedNanos) {
        if (step != STEP || seq < 0 || seq >= dueOffsets.length) {
            return;
        }
        delivered.incrementAndGet(seq);
        long latency = receivedNanos - due[seq];
        stats[phases[seq].ordinal()].delivery.recordNanos(latency);
        recovery(seq, recoveryDelivery, latency);
    }

    private long missing() {
        long missing = 0;
        for (int i = 0; i < dueOffsets.length; i++) {
            if (status.get(i) == OK) {
                missing += Math.max(0, expected.get(i) - delivered.get(i));
            }
        }
        return missing;
    }

    private String report(String loadBefore, String loadAfter) {
        TextTable table = new TextTable(List.of("phase", "offered/s", "s", "sent", "200", "429 (Retry-After)",
                "5xx", "other", "REST p50", "p99", "deliv. p50", "p99", "lost", "dup.", "fleet CPU ms/accepted"));
        long totalLost = 0;
        long totalServerErrors = 0;
        for (Phase p : Phase.values()) {
            PhaseStats s = stats[p.ordinal()];
            long lost = 0;
            long duplicates = 0;
            for (int i = phaseStart[p.ordinal()]; i < phaseStart[p.ordinal() + 1]; i++) {
                if (status.get(i) == OK) {
                    lost += Math.max(0, expected.get(i) - delivered.get(i));
                    duplicates += Math.max(0, delivered.get(i) - expected.get(i));
                }
            }
            totalLost += lost;
            totalServerErrors += s.serverErrors.sum();
            double seconds = (boundaryNanos.get(p.ordinal() + 1) - boundaryNanos.get(p.ordinal())) / 1e9;
            String cpuPerMessage = CpuSampler.fleetMillisPerMessage(cpuAtBoundaries.get(p.ordinal()),
                    cpuAtBoundaries.get(p.ordinal() + 1), s.accepted.sum());
            double offered = p == Phase.OVERLOAD ? options.rate() * options.overloadFactor() : options.rate();
            table.row(List.of(p.label, fmt("%.0f", offered), fmt("%.0f", seconds),
                    Integer.toString(phaseStart[p.ordinal() + 1] - phaseStart[p.ordinal()]),
                    Long.toString(s.accepted.sum()), s.refused.sum() + " (" + s.retryAfter.sum() + ")",
                    Long.toString(s.serverErrors.sum()), Long.toString(s.other.sum()),
                    Latency.format(s.rest.millis(50)), Latency.format(s.rest.millis(99)),
                    Latency.format(s.delivery.millis(50)), Latency.format(s.delivery.millis(99)),
                    Long.toString(lost), Long.toString(duplicates), cpuPerMessage));
        }
        StringBuilder out = new StringBuilder(table.render());
        out.append(fmt("latencies in ms (REST of accepted sends; delivery of their MESSAGE_CREATEs); lost = owed to "
                + "READY sessions for accepted sends, after a ≤ %.0f s drain; load %s → %s%n", options.drainSeconds(),
                loadBefore, loadAfter));
        otherErrors.forEach((what, count) -> out.append(fmt("    not accepted: %d × %s%n", count.sum(), what)));
        out.append("recovery, per second after the drop (REST p99 / delivery p99 ms):");
        for (int s = 0; s < recoveryRest.length; s++) {
            out.append(s % 10 == 0 ? "\n   " : "").append(fmt(" %d:%s/%s", s, Latency.format(recoveryRest[s].millis(99)),
                    Latency.format(recoveryDelivery[s].millis(99))));
        }
        out.append('\n');
        int back = backUnderTarget();
        out.append(back < 0
                ? fmt("p99 NOT back under %.0f ms within the %.0f s of recovery", options.recoveryP99Millis(),
                options.recoverySeconds())
                : fmt("p99 (REST and delivery) under %.0f ms from second %d after the drop on", options.recoveryP99Millis(),
                back));
        out.append(fmt("; %d answered 5xx, %d lost%n", totalServerErrors, totalLost));
        return out.toString();
    }

    /** The first second of the recovery from which every later second's p99s are under the limit; -1 if none. */
    int backUnderTarget() {
        int from = -1;
        for (int s = 0; s < recoveryRest.length; s++) {
            boolean under = under(recoveryRest[s]) && under(recoveryDelivery[s]);
            if (under && from < 0) {
                from = s;
            } else if (!under) {
                from = -1;
            }
        }
        return from;
    }

    private boolean under(Latency l) {
        return l.count() == 0 || l.millis(99) <= options.recoveryP99Millis();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static final class PhaseStats {
        final LongAdder accepted = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder retryAfter = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder other = new LongAdder();
        final Latency rest = new Latency();
        final Latency delivery = new Latency();
    }
}
