package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.CpuSampler;
import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.Machine;
import dev.guildhall.bench.common.Progress;
import dev.guildhall.bench.common.TextTable;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./guildhall bench chat}: set-up, WebSocket clients, then one load step at {@code --rate}
 * or, with {@code --sweep}, steps of rising rate until one is not sustained, bisected. Prints the
 * report on stdout, progress on stderr. See docs/benchmarks.md ("Chat") and ADR 080.
 */
public final class ChatBench {

    /** Access tokens live 10 minutes; refresh any older than this before a step. */
    private static final double REFRESH_AFTER_SECONDS = 300;

    private final BenchOptions options;
    private final Progress progress = new Progress();
    private final JsonHttp setupHttp = new JsonHttp();
    private final HttpClient sendHttp = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, GatewayClients.daemon("send")))
            .build();
    private final List<StepResult> results = new ArrayList<>();
    private final CpuSampler cpu;
    /** Part of every nonce: a second run within the nonce window (5 min) must not be taken for a retry. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private String overloadReport;

    private ChatBench(BenchOptions options) {
        this.options = options;
        this.cpu = new CpuSampler(options.fleetData());
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench chat: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new ChatBench(options).run());
    }

    private int run() throws Exception {
        String loadAtStart = Machine.loadAverage();
        String started = Instant.now().toString();
        Fixture fixture = Fixture.load(options.world(), options.shape(), setupHttp, progress);
        if (fixture == null) {
            fixture = Fixture.create(options.shape(), setupHttp, progress);
        }
        saveWorld(fixture);
        progress.say("set-up done: %s", fixture.describe());
        GatewayClients clients = new GatewayClients(fixture, progress);
        String verdict;
        try {
            // a slow sign-up can outlast the 10-minute access tokens: IDENTIFY would fail with 4004
            fixture.refreshOlderThan(options.shape(), setupHttp, REFRESH_AFTER_SECONDS, progress);
            int ready = clients.connect(options.target(), options.clients(), options.connectRate());
            if (ready == 0) {
                progress.say("no session became READY: %s", clients.closeReasons());
                return 1;
            }
            prime(fixture, clients);
            verdict = options.sweep() ? sweep(fixture, clients)
                    : options.overloading() ? overload(fixture, clients) : single(fixture, clients);
        } finally {
            clients.closeAll();
            saveWorld(fixture);
        }
        System.out.println(report(fixture, clients, loadAtStart, started, verdict));
        return 0;
    }

    private void saveWorld(Fixture fixture) {
        if (options.world() != null) {
            try {
                fixture.save(options.world());
            } catch (Exception e) {
                progress.say("could not save the world to %s: %s", options.world(), e);
            }
        }
    }

    /** The step load of {@code --overload}: its report replaces the steps' table. */
    private String overload(Fixture fixture, GatewayClients clients) throws Exception {
        fixture.refreshOlderThan(options.shape(), setupHttp, REFRESH_AFTER_SECONDS, progress);
        overloadReport = new OverloadRun(options, fixture, clients, sendHttp, cpu, progress, run).run();
        return overloadReport.lines().reduce((a, b) -> b).orElse("");
    }

    private String single(Fixture fixture, GatewayClients clients) throws Exception {
        StepResult r = step(fixture, clients, options.rate());
        return r.errorCount() == 0 && r.lost() == 0 ? "no errors, nothing lost" : "errors or lost deliveries: see above";
    }

    /**
     * Rising rates until a step is not sustained (falling ones if the first is not), then
     * bisection between the last good and the first bad.
     */
    private String sweep(Fixture fixture, GatewayClients clients) throws Exception {
        double good = 0;
        double bad = 0;
        double rate = options.sweepFrom();
        String stop = null;
        while (bad == 0) {
            if (rate > options.sweepMax()) {
                stop = String.format(Locale.ROOT, "reached --sweep-max %.0f", options.sweepMax());
                break;
            }
            if (!options.withinSendLimit(rate)) {
                stop = String.format(Locale.ROOT, "%.0f msg/s would break the per-user-per-channel limit over %d "
                        + "pairs: raise --users or --channels to go higher", rate, options.pairs());
                break;
            }
            if (step(fixture, clients, rate).sustained(options.sustainP99Millis())) {
                good = rate;
                rate = nice(rate * options.sweepFactor());
            } else {
                bad = rate;
            }
        }
        // the first rate was already too much: come down until one is sustained
        while (good == 0 && bad > 5) {
            rate = nice(bad / options.sweepFactor());
            if (rate >= bad) {
                break;
            }
            if (step(fixture, clients, rate).sustained(options.sustainP99Millis())) {
                good = rate;
            } else {
                bad = rate;
            }
        }
        for (int i = 0; i < options.sweepBisections() && good > 0 && bad > 0; i++) {
            double mid = nice((good + bad) / 2);
            if (mid <= good || mid >= bad) {
                break;
            }
            if (step(fixture, clients, mid).sustained(options.sustainP99Millis())) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        String sustained = String.format(Locale.ROOT, "sustained = 0 errors, 0 lost, sent ≥ 98 %% of target, "
                + "REST and delivery p99 ≤ %.0f ms", options.sustainP99Millis());
        if (good == 0) {
            return "no step was sustained (" + sustained + ")";
        }
        return String.format(Locale.ROOT, "highest sustained rate: %.0f msg/s%s (%s)", good,
                bad > 0 ? String.format(Locale.ROOT, "; %.0f msg/s was not", bad) : "; " + stop, sustained);
    }

    /**
     * Before the first step: a short send at a low rate whose figures are thrown away. Right after
     * a start the services' first calls (class loading, connection pools, the JIT) take seconds,
     * and a few of those past the gateway's 2 s time limit open the route's circuit breaker for
     * 10 s — a start-up effect, not the steady state the steps measure.
     */
    private void prime(Fixture fixture, GatewayClients clients) throws Exception {
        if (options.primeSeconds() <= 0) {
            return;
        }
        double rate = Math.min(20, options.sweep() ? options.sweepFrom() : options.rate());
        StepResult r = new LoadStep(0, rate, options.primeSeconds(), options, fixture, clients, sendHttp, cpu,
                progress, run).run();
        progress.say("priming (not reported): %s", String.join("  ", r.cells()));
        TimeUnit.SECONDS.sleep(10); // a breaker the priming opened is half-open again
    }

    private StepResult step(Fixture fixture, GatewayClients clients, double rate) throws Exception {
        if (fixture.refreshOlderThan(options.shape(), setupHttp, REFRESH_AFTER_SECONDS, progress)) {
            saveWorld(fixture);
        }
        if (!results.isEmpty()) {
            TimeUnit.SECONDS.sleep(5); // let the previous step's tail settle
        }
        StepResult r = new LoadStep(results.size() + 1, rate, options.durationSeconds(), options, fixture, clients,
                sendHttp, cpu, progress, run).run();
        results.add(r);
        progress.say("step %d: %s", r.step(), String.join("  ", r.cells()));
        return r;
    }

    /** Rates of the sweep rounded to 10 msg/s (5 below 100). */
    static double nice(double rate) {
        double unit = rate < 100 ? 5 : 10;
        return Math.max(unit, Math.round(rate / unit) * unit);
    }

    private String report(Fixture fixture, GatewayClients clients, String loadAtStart, String started,
                          String verdict) {
        StringBuilder out = new StringBuilder();
        out.append("\nGuildhall chat bench, started ").append(started).append('\n');
        out.append("machine:  ").append(Machine.describe()).append('\n');
        out.append("load:     ").append(loadAtStart).append(" at start, ").append(Machine.loadAverage())
                .append(" at the end (1, 5, 15 min)\n");
        if (!options.note().isBlank()) {
            out.append("fleet:    ").append(options.note()).append('\n');
        }
        int sessionsPerServer = (int) Math.round((double) options.clients() / options.servers());
        out.append(String.format(Locale.ROOT, "clients:  %d WebSocket sessions through %s/gateway (%d READY at the "
                        + "end), %.1f per user; ≈ %d per server, so each message fans out to ≈ %d sessions%n",
                clients.sessions(), options.target(), clients.ready(), (double) options.clients() / options.users(),
                sessionsPerServer, sessionsPerServer));
        out.append("world:    ").append(fixture.describe())
                .append("; set-up through auth-service and server-service ports directly\n");
        out.append(String.format(Locale.ROOT, "load:     open-loop POST /api/v1/channels/{id}/messages through the "
                        + "gateway (rate limits on), %.0f s warm-up + %.0f s measured per step, drain ≤ %.0f s; "
                        + "latencies from each message's scheduled send instant%n",
                options.warmupSeconds(), options.durationSeconds(), options.drainSeconds()));
        out.append('\n');
        if (overloadReport != null) {
            out.append(overloadReport);
        } else {
            TextTable table = new TextTable(StepResult.HEADER);
            results.forEach(r -> table.row(r.cells()));
            out.append(table.render());
            out.append("latencies in ms; deliveries/s = MESSAGE_CREATE frames received per second; lost = expected − "
                    + "delivered after the drain\n");
            results.forEach(r -> out.append(r.details()).append('\n'));
        }
        if (!clients.closeReasons().isEmpty()) {
            out.append("session closes / failures: ").append(clients.closeReasons()).append('\n');
        }
        out.append(verdict).append('\n');
        return out.toString();
    }
}
