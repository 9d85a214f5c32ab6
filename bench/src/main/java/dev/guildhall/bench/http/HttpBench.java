package dev.guildhall.bench.http;

import dev.guildhall.bench.chat.BenchOptions;
import dev.guildhall.bench.common.CpuSampler;
import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.Machine;
import dev.guildhall.bench.common.Progress;
import dev.guildhall.bench.common.TextTable;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.guildhall.bench.common.JsonHttp.map;

/**
 * {@code ./guildhall bench http}: issue 12's simple authenticated reads. Builds (or reuses) a world of users in
 * one server with one channel holding {@code --messages} messages, then runs a wrk-like closed loop (ADR 223)
 * against each route in turn and prints a row per route. Report on stdout, progress on stderr.
 */
public final class HttpBench {

    /** Access tokens live 10 minutes; refresh any older than this before the load. */
    private static final double REFRESH_AFTER_SECONDS = 300;

    private final HttpOptions options;
    private final Progress progress = new Progress();
    private final JsonHttp setupHttp = new JsonHttp();

    private HttpBench(HttpOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        HttpOptions options;
        try {
            options = HttpOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench http: " + e.getMessage());
            System.err.println(HttpOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new HttpBench(options).run());
    }

    private int run() throws Exception {
        String loadAtStart = Machine.loadAverage();
        String started = Instant.now().toString();
        // the chat bench's world, shaped as one server of every user with one text channel
        BenchOptions world = BenchOptions.parse("--target", options.target().toString(),
                "--auth-url", options.authUrl().toString(), "--server-url", options.serverUrl().toString(),
                "--clients", Integer.toString(options.users()), "--users", Integer.toString(options.users()),
                "--servers", "1", "--channels", "1", "--rate", "1");
        Fixture fixture = Fixture.load(options.world(), world.shape(), setupHttp, progress);
        if (fixture == null) {
            fixture = Fixture.create(world.shape(), setupHttp, progress);
        }
        if (options.world() != null) {
            fixture.save(options.world());
        }
        String channel = fixture.channel(0, 0);
        fillChannel(fixture, channel);
        fixture.refreshOlderThan(world.shape(), setupHttp, REFRESH_AFTER_SECONDS, progress);
        progress.say("set-up done: %s", fixture.describe());

        List<String> tokens = fixture.accessTokens();
        List<String> routes = List.of("/api/v1/users/@me", "/api/v1/channels/" + channel + "/messages?limit=50",
                "/api/v1/users/@me/servers");
        CpuSampler cpu = new CpuSampler(options.fleetData());
        List<RouteResult> results = new ArrayList<>();
        try (ClosedLoop loop = new ClosedLoop(options.threads(), options.connections())) {
            for (String route : routes) {
                URI uri = URI.create(options.target() + route);
                if (options.warmupSeconds() > 0) {
                    ClosedLoop.Outcome warm = loop.run(uri, tokens, options.warmupSeconds());
                    progress.say("warm-up (not reported) %s: %.0f req/s", route, warm.perSecond());
                }
                Map<String, Double> before = cpu.sample();
                ClosedLoop.Outcome outcome = loop.run(uri, tokens, options.durationSeconds());
                Map<String, Double> after = cpu.sample();
                RouteResult r = new RouteResult(route.replace(channel, "{id}"), outcome,
                        cpu.knowsFleet() ? fleetSeconds(before, after) : null, used(before, after, CpuSampler.BENCH));
                results.add(r);
                progress.say("%s", String.join("  ", r.cells()));
                if (outcome.firstError() != null) {
                    progress.say("  first failed request: %s", outcome.firstError());
                }
            }
        }
        if (options.world() != null) {
            fixture.save(options.world());
        }
        System.out.println(report(fixture, loadAtStart, started, results));
        return 0;
    }

    /** Posts messages until the channel holds {@code --messages} (a reused world already has some). */
    private void fillChannel(Fixture fixture, String channel) throws Exception {
        List<String> tokens = fixture.accessTokens();
        int present = throughGateway("GET", "/api/v1/channels/" + channel + "/messages?limit="
                + Math.max(1, Math.min(100, options.messages())), tokens.get(0), null)
                .expect("read messages", 200).body().size();
        int missing = options.messages() - present;
        if (missing <= 0) {
            return;
        }
        progress.say("set-up: posting %d messages through the gateway", missing);
        // each author posts at most a few: the send limit is 5 per 5 s per user and channel
        for (int i = 0; i < missing; i++) {
            String token = tokens.get(i % tokens.size());
            JsonHttp.Reply r = throughGateway("POST", "/api/v1/channels/" + channel + "/messages",
                    token, map("content", "bench http message " + i + ": some text of an ordinary length"));
            if (r.status() == 429) {
                Thread.sleep((long) (r.body().path("retry_after").asDouble(1) * 1000) + 100);
                i--;
                continue;
            }
            r.expect("post message", 200, 201);
        }
    }

    /**
     * A set-up call through the gateway, tried again while it answers 503: right after a fleet starts, the first
     * calls to a service outlast the gateway's time limit (class loading, pools, the JIT) until it is warm.
     */
    private JsonHttp.Reply throughGateway(String method, String path, String token, Object body) throws Exception {
        JsonHttp.Reply r = setupHttp.call(method, options.target(), path, token, body);
        for (int attempt = 1; r.status() == 503 && attempt < 15; attempt++) {
            progress.say("set-up: %s %s answered 503 (%s); again in 2 s", method, path, r.text("reason"));
            Thread.sleep(2000);
            r = setupHttp.call(method, options.target(), path, token, body);
        }
        return r;
    }

    static double fleetSeconds(Map<String, Double> before, Map<String, Double> after) {
        double fleet = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            String name = e.getKey();
            Double b = before.get(name);
            if (b != null && !name.equals(CpuSampler.MACHINE) && !name.equals(CpuSampler.BENCH)) {
                fleet += e.getValue() - b;
            }
        }
        return fleet;
    }

    private static Double used(Map<String, Double> before, Map<String, Double> after, String name) {
        Double a = after.get(name);
        Double b = before.get(name);
        return a == null || b == null ? null : a - b;
    }

    private String report(Fixture fixture, String loadAtStart, String started, List<RouteResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("\nGuildhall http bench, started ").append(started).append('\n');
        out.append("machine:  ").append(Machine.describe()).append('\n');
        out.append("load:     ").append(loadAtStart).append(" at start, ").append(Machine.loadAverage())
                .append(" at the end (1, 5, 15 min)\n");
        if (!options.note().isBlank()) {
            out.append("fleet:    ").append(options.note()).append('\n');
        }
        out.append("world:    ").append(fixture.describe()).append(String.format(Locale.ROOT,
                "; %d messages in the channel read%n", options.messages()));
        out.append(String.format(Locale.ROOT, "load:     closed loop like wrk -t%d -c%d -d%.0fs through %s: %d requests "
                        + "in flight on %d client threads, HTTP/1.1 keep-alive, %d users' tokens in rotation; "
                        + "%.0f s warm-up per route not reported%n", options.threads(), options.connections(),
                options.durationSeconds(), options.target(), options.connections(), options.threads(),
                options.users(), options.warmupSeconds()));
        out.append('\n');
        TextTable table = new TextTable(RouteResult.HEADER);
        results.forEach(r -> table.row(r.cells()));
        out.append(table.render());
        out.append("latencies in ms, send → last byte of the answer; NON-2XX by status; ERRORS = no answer; CORES = "
                + "CPU seconds ÷ wall seconds (fleet: sum of its processes' utime+stime from /proc; bench: this JVM)\n");
        return out.toString();
    }
}
