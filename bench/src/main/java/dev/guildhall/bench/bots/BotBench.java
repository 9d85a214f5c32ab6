package dev.guildhall.bench.bots;

import dev.guildhall.bench.chat.BenchOptions;
import dev.guildhall.bench.common.CpuSampler;
import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.Latency;
import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.Machine;
import dev.guildhall.bench.common.Progress;
import dev.guildhall.bench.common.TextTable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.guildhall.bench.common.JsonHttp.map;

/**
 * {@code ./guildhall bench bots}: issue 10's bench. A server of people and {@code --bots} bots (each an application
 * whose bot was added with view/send/history permissions); every bot holds a session on the Discord-dialect
 * gateway like discord.js; people post {@code --rate} messages/s (each dispatched to every bot) while the bots make
 * {@code --rest-rate} Discord REST requests/s. Open loop at fixed rates: a latency counts from the moment the
 * request was due, so a slow fleet cannot slow the load down. Report on stdout, progress on stderr.
 */
public final class BotBench {

    /** VIEW_CHANNEL + SEND_MESSAGES + READ_MESSAGE_HISTORY. */
    static final String BOT_PERMISSIONS = Long.toString((1L << 10) | (1L << 11) | (1L << 16));

    private final BotOptions options;
    private final Progress progress = new Progress();
    private final JsonHttp setupHttp = new JsonHttp();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BotBench(BotOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BotOptions options;
        try {
            options = BotOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench bots: " + e.getMessage());
            System.err.println(BotOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new BotBench(options).run());
    }

    record Bot(String applicationId, String userId, String token) {
    }

    private int run() throws Exception {
        String loadAtStart = Machine.loadAverage();
        String started = Instant.now().toString();
        // set-up traffic straight to auth- and server-service (gateway port + 1, + 2), as bench chat does
        BenchOptions world = BenchOptions.parse("--target", options.target().toString(),
                "--clients", Integer.toString(options.senders()), "--users", Integer.toString(options.senders()),
                "--servers", "1", "--channels", "1", "--rate", "1");
        Fixture fixture = Fixture.create(world.shape(), setupHttp, progress);
        List<String> people = fixture.accessTokens();
        String owner = people.get(0);
        String serverId = fixture.serverId(0);
        String channel = fixture.channel(0, 0);

        progress.say("set-up: %d applications with bots added to server %s", options.bots(), serverId);
        List<Bot> bots = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
        for (int i = 0; i < options.bots(); i++) {
            JsonHttp.Reply app = call("POST", "/api/v1/applications", owner, map("name", "bench bot " + run + " " + i))
                    .expect("create application", 201);
            String appId = app.text("application_id");
            String botUser = app.body().path("bot").path("user_id").asString();
            String token = call("POST", "/api/v1/applications/" + appId + "/bot/token", owner, map())
                    .expect("bot token", 200, 201).text("token");
            call("PUT", "/api/v1/servers/" + serverId + "/bots/" + appId, owner, map("permissions", BOT_PERMISSIONS))
                    .expect("add bot", 200, 201, 204);
            bots.add(new Bot(appId, botUser, token));
        }

        HttpResponse<String> gatewayBot = http.send(HttpRequest.newBuilder(URI.create(options.target() + "/api/v10/gateway/bot"))
                .header("Authorization", "Bot " + bots.get(0).token()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (gatewayBot.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v10/gateway/bot answered " + gatewayBot.statusCode() + ": "
                    + gatewayBot.body());
        }
        String gateway = JsonHttp.JSON.readTree(gatewayBot.body()).path("url").asString();
        URI gatewayUrl = URI.create(gateway + "?v=10&encoding=json");
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Latency dispatchDelay = new Latency();
        List<BotSession> sessions = new ArrayList<>();
        progress.say("set-up: %d bot sessions on %s", bots.size(), gatewayUrl);
        for (Bot bot : bots) {
            BotSession s = new BotSession(bot.token(), bot.userId(), dispatchDelay, timer);
            sessions.add(s);
            s.connect(http, gatewayUrl).get(30, TimeUnit.SECONDS);
        }

        CpuSampler cpu = new CpuSampler(options.fleetData());
        ExecutorService workers = Executors.newFixedThreadPool(32);
        Latency rest = new Latency();
        Latency sends = new Latency();
        Map<String, AtomicLong> restStatus = new ConcurrentHashMap<>();
        Map<String, AtomicLong> sendStatus = new ConcurrentHashMap<>();
        AtomicLong accepted = new AtomicLong();
        try {
            if (options.warmupSeconds() > 0) {
                progress.say("warm-up (not reported): %d s", options.warmupSeconds());
                load(people, channel, serverId, bots, options.warmupSeconds(), workers, new Latency(), new Latency(),
                        new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new AtomicLong());
                Thread.sleep(2_000);
            }
            long from = System.currentTimeMillis();
            // every message created from now on is the run's: a send due near the end may be created after it
            sessions.forEach(s -> s.measure(from, Long.MAX_VALUE));
            Map<String, Double> before = cpu.sample();
            progress.say("load: %.0f messages/s from %d people, %.0f bot REST requests/s, %d s", options.rate(),
                    people.size(), options.restRate(), options.durationSeconds());
            load(people, channel, serverId, bots, options.durationSeconds(), workers, rest, sends, restStatus, sendStatus,
                    accepted);
            Map<String, Double> after = cpu.sample();
            // the last dispatches arrive after the last send
            long expected = accepted.get() * bots.size();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received(sessions) < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            System.out.println(report(loadAtStart, started, sessions, expected, dispatchDelay, rest, sends, restStatus,
                    sendStatus, accepted.get(), cpu.knowsFleet() ? fleet(before, after) : null,
                    delta(before, after, CpuSampler.BENCH)));
        } finally {
            workers.shutdownNow();
            sessions.forEach(BotSession::close);
            timer.shutdownNow();
        }
        return 0;
    }

    /** People's sends and bots' REST requests at their rates for {@code seconds}, each timed from when it was due. */
    private void load(List<String> people, String channel, String serverId, List<Bot> bots, int seconds,
                      ExecutorService workers, Latency rest, Latency sends, Map<String, AtomicLong> restStatus,
                      Map<String, AtomicLong> sendStatus, AtomicLong accepted) throws Exception {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sendGap = (long) (1e9 / options.rate());
        long restGap = options.restRate() > 0 ? (long) (1e9 / options.restRate()) : Long.MAX_VALUE;
        long nextSend = start;
        long nextRest = start;
        int sent = 0;
        int asked = 0;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        while (true) {
            long due = Math.min(nextSend, nextRest);
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (nextSend <= nextRest) {
                String token = people.get(sent % people.size());
                long dueAt = nextSend;
                int n = sent++;
                pending.add(CompletableFuture.runAsync(() -> {
                    int status = timed(sends, dueAt, "POST", "/api/v1/channels/" + channel + "/messages", "Bearer " + token,
                            "{\"content\":\"bench bots message " + n + "\",\"nonce\":\"bb" + dueAt + "\"}");
                    count(sendStatus, status);
                    if (status == 200 || status == 201) {
                        accepted.incrementAndGet();
                    }
                }, workers));
                nextSend += sendGap;
            } else {
                Bot bot = bots.get(asked % bots.size());
                String path = asked % 5 == 4 ? "/api/v10/guilds/" + serverId
                        : "/api/v10/channels/" + channel + "/messages?limit=10";
                long dueAt = nextRest;
                asked++;
                pending.add(CompletableFuture.runAsync(
                        () -> count(restStatus, timed(rest, dueAt, "GET", path, "Bot " + bot.token(), null)), workers));
                nextRest += restGap;
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private int timed(Latency latency, long dueNanos, String method, String path, String authorization, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(options.target() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        int status;
        try {
            status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            status = -1;
        }
        latency.recordNanos(System.nanoTime() - dueNanos);
        return status;
    }

    private static void count(Map<String, AtomicLong> statuses, int status) {
        statuses.computeIfAbsent(status < 0 ? "error" : Integer.toString(status), k -> new AtomicLong()).incrementAndGet();
    }

    private JsonHttp.Reply call(String method, String path, String token, Object body) throws InterruptedException {
        JsonHttp.Reply r = setupHttp.call(method, options.target(), path, token, body);
        for (int attempt = 1; r.status() == 503 && attempt < 15; attempt++) {
            // a fleet that has just started answers its first calls to a cold service with 503
            Thread.sleep(2000);
            r = setupHttp.call(method, options.target(), path, token, body);
        }
        return r;
    }

    private static long received(List<BotSession> sessions) {
        return sessions.stream().mapToLong(BotSession::received).sum();
    }

    private static double fleet(Map<String, Double> before, Map<String, Double> after) {
        double total = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            Double b = before.get(e.getKey());
            if (b != null && !e.getKey().equals(CpuSampler.MACHINE) && !e.getKey().equals(CpuSampler.BENCH)) {
                total += e.getValue() - b;
            }
        }
        return total;
    }

    private static Double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        Double a = after.get(key);
        Double b = before.get(key);
        return a == null || b == null ? null : a - b;
    }

    private String report(String loadAtStart, String started, List<BotSession> sessions, long expected,
                          Latency dispatch, Latency rest, Latency sends, Map<String, AtomicLong> restStatus,
                          Map<String, AtomicLong> sendStatus, long accepted, Double fleetCpu, Double benchCpu) {
        double seconds = options.durationSeconds();
        long received = received(sessions);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "bench bots: %d bot sessions (Discord gateway), %.0f messages/s from %d "
                        + "people, %.0f bot REST requests/s, %d s; %s; started %s, load average %s; %s; %d cores%n%n",
                options.bots(), options.rate(), options.senders(), options.restRate(), options.durationSeconds(),
                options.target(), started, loadAtStart, options.note(), Runtime.getRuntime().availableProcessors()));
        TextTable table = new TextTable(List.of("what", "count", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "statuses"));
        table.row(List.of("bot REST (GET messages / guild)", Long.toString(rest.count()),
                perSecond(rest.count(), seconds), Latency.format(rest.millis(50)), Latency.format(rest.millis(90)),
                Latency.format(rest.millis(99)), Latency.format(rest.maxMillis()), statuses(restStatus)));
        table.row(List.of("dispatch MESSAGE_CREATE to bots", received + " of " + expected,
                perSecond(received, seconds), Latency.format(dispatch.millis(50)), Latency.format(dispatch.millis(90)),
                Latency.format(dispatch.millis(99)), Latency.format(dispatch.maxMillis()),
                "lost " + Math.max(0, expected - received)));
        table.row(List.of("people's sends (the load)", Long.toString(sends.count()), perSecond(accepted, seconds),
                Latency.format(sends.millis(50)), Latency.format(sends.millis(90)), Latency.format(sends.millis(99)),
                Latency.format(sends.maxMillis()), statuses(sendStatus)));
        out.append(table.render());
        List<String> closed = sessions.stream().map(BotSession::closedWith).filter(c -> c != null).toList();
        out.append(String.format(Locale.ROOT, "%nsessions closed during the run: %d%s%n", closed.size(),
                closed.isEmpty() ? "" : " " + closed));
        out.append(String.format(Locale.ROOT, "fleet CPU: %s; load generator CPU (this JVM): %s%n",
                fleetCpu == null ? "unknown (no --fleet-data)" : String.format(Locale.ROOT, "%.1f s = %.2f cores",
                        fleetCpu, fleetCpu / seconds),
                benchCpu == null ? "unknown" : String.format(Locale.ROOT, "%.1f s = %.2f cores", benchCpu,
                        benchCpu / seconds)));
        return out.toString();
    }

    private static String perSecond(long count, double seconds) {
        return String.format(Locale.ROOT, "%.1f", count / seconds);
    }

    private static String statuses(Map<String, AtomicLong> statuses) {
        Map<String, Long> sorted = new TreeMap<>();
        statuses.forEach((k, v) -> sorted.put(k, v.get()));
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('×').append(v));
        return sb.toString();
    }
}
