package dev.guildhall.bench.chaos;

import dev.guildhall.bench.common.Fixture;
import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.Progress;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Kills the fleet's processes one at a time under load and checks every acknowledged message (ADR 242):
 * clients connect over the gateway's WebSocket, {@link Sends} keeps the rate, each victim is SIGKILLed, the
 * launcher's supervisor brings it back, the load goes on for a settling time, then the next one. At the end every
 * acknowledged message is looked up by id in its channel's history and in what every client of its server was
 * shown (live, after a RESUME, or re-fetched after a refused one).
 */
public final class ChaosEngine {

    static final double WINDOW_SECONDS = 2;
    static final int WINDOWS_IN_A_ROW = 3;
    /** How often a send refused for a moment is sent again in a rolling run, as the web client does. */
    static final int ROLLING_BUSY_RETRIES = 3;

    private final ChaosOptions o;
    private final Progress progress;
    private final Victims victims;
    private volatile int phase = -1;

    public ChaosEngine(ChaosOptions options, Progress progress) {
        this.o = options;
        this.progress = progress;
        this.victims = new Victims(options.fleetData());
    }

    public ChaosResult run() throws Exception {
        List<String> names = new ArrayList<>(o.victims().isEmpty() ? victims.all() : o.victims());
        if (o.rolling() && o.victims().isEmpty()) {
            names.removeAll(Victims.INFRASTRUCTURE);
        }
        for (String n : names) {
            if (victims.restarts(n) < 0) {
                throw new IllegalArgumentException("the fleet under " + o.fleetData() + " does not supervise " + n
                        + " (supervised: " + victims.all() + ")");
            }
        }
        JsonHttp setup = new JsonHttp();
        Fixture fixture = Fixture.create(o.shape(), setup, progress);
        progress.say("world: %s", fixture.describe());
        List<String> channelIds = new ArrayList<>();
        List<Integer> channelServer = new ArrayList<>();
        for (Fixture.Server s : fixture.servers) {
            for (String c : s.channels()) {
                channelIds.add(c);
                channelServer.add(s.index());
            }
        }

        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "chaos-timer");
            t.setDaemon(true);
            return t;
        });
        HttpClient wsHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<ChaosClient> clients = new ArrayList<>();
        for (Fixture.User u : fixture.users) {
            Map<Integer, String> mine = new LinkedHashMap<>();
            for (int c = 0; c < channelIds.size(); c++) {
                if (channelServer.get(c) == u.server) {
                    mine.put(c, channelIds.get(c));
                }
            }
            for (int k = 0; k < o.sessionsPerUser(); k++) {
                clients.add(new ChaosClient(clients.size(), u, mine, o.target(), wsHttp, timer));
            }
        }
        progress.say("connecting %d clients to %s/gateway", clients.size(), o.target());
        for (ChaosClient c : clients) {
            c.connect();
            Thread.sleep(50);
        }
        for (ChaosClient c : clients) {
            c.firstReady.get(60, TimeUnit.SECONDS);
        }
        // access tokens live 10 minutes: a client refreshes before that (a failure, auth-service down, waits)
        timer.scheduleAtFixedRate(() -> {
            try {
                fixture.refreshOlderThan(o.shape(), setup, 300, progress);
            } catch (Exception e) {
                progress.say("token refresh failed, trying again: %s", e.getMessage());
            }
        }, 30, 30, TimeUnit.SECONDS);

        // a rolling restart is judged as a user sees it: a send refused for a moment goes again (the web client's
        // retryBusy); under SIGKILL every refusal is counted as it is answered
        Sends sends = new Sends(fixture, channelIds, channelServer, o.target(), o.rate(), () -> phase,
                o.rolling() ? ROLLING_BUSY_RETRIES : 0);
        progress.say("load: %.0f msg/s over %d channels in %d servers; baseline for %.0f s", o.rate(),
                channelIds.size(), fixture.servers.size(), o.baselineSeconds());
        sends.start();
        Thread.sleep((long) (o.baselineSeconds() * 1000));

        List<long[]> windows = new ArrayList<>(); // per victim: kill, back, end (nanos)
        List<int[]> clientCounts = new ArrayList<>();
        int[] before = counts(clients);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            awaitAllRunning(names);
            int restarts = victims.restarts(name);
            phase = i;
            long kill = System.nanoTime();
            boolean recovered;
            if (o.rolling()) {
                progress.say("graceful restart of %s", name);
                String answer = victims.restartGracefully(name,
                        Duration.ofSeconds((long) o.recoverTimeoutSeconds()));
                recovered = answer.equals("ok") && victims.running(name);
                if (!recovered) {
                    progress.say("restart of %s: %s", name, answer);
                }
            } else {
                long pid = victims.kill(name);
                progress.say("SIGKILL %s (pid %d)", name, pid);
                long deadline = kill + (long) (o.recoverTimeoutSeconds() * 1e9);
                while (!(victims.restarts(name) > restarts && victims.running(name)) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                recovered = victims.restarts(name) > restarts && victims.running(name);
            }
            long back = System.nanoTime();
            progress.say("%s %s after %.1f s; load goes on for %.0f s", name, recovered ? "back" : "NOT back",
                    (back - kill) / 1e9, o.settleSeconds());
            Thread.sleep((long) (o.settleSeconds() * 1000));
            windows.add(new long[] {kill, recovered ? back : Long.MAX_VALUE, System.nanoTime()});
            int[] after = counts(clients);
            clientCounts.add(new int[] {after[0] - before[0], after[1] - before[1]});
            before = after;
        }
        sends.stop();
        progress.say("load stopped; 15 s for the last deliveries and re-fetches");
        Thread.sleep(15_000);
        clients.forEach(ChaosClient::stop);

        Map<Integer, Set<String>> history = history(fixture, channelIds, channelServer, setup, sends);
        ChaosResult result = analyse(names, windows, clientCounts, sends, clients, history, channelServer, fixture);
        timer.shutdownNow();
        return result;
    }

    private static int[] counts(List<ChaosClient> clients) {
        return new int[] {clients.stream().mapToInt(c -> c.resumed.get()).sum(),
                clients.stream().mapToInt(c -> c.reidentified.get()).sum()};
    }

    /** Before a kill, everything the run kills is up: one victim's recovery is not measured inside another's. */
    private void awaitAllRunning(List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !names.stream().allMatch(victims::running)) {
            Thread.sleep(200);
        }
    }

    /** The ids in every channel's history, read newest first through the gateway by the server's owner. */
    private Map<Integer, Set<String>> history(Fixture fixture, List<String> channelIds, List<Integer> channelServer,
                                              JsonHttp http, Sends sends) {
        Map<Integer, Set<String>> out = new HashMap<>();
        for (int c = 0; c < channelIds.size(); c++) {
            Fixture.User owner = fixture.users.get(fixture.servers.get(channelServer.get(c)).members().get(0));
            Set<String> ids = new HashSet<>();
            String before = null;
            for (int page = 0; page < 10_000; page++) {
                JsonNode list = null;
                for (int attempt = 0; attempt < 10 && list == null; attempt++) {
                    JsonHttp.Reply r = http.call("GET", o.target(), "/api/v1/channels/" + channelIds.get(c)
                            + "/messages?limit=100" + (before == null ? "" : "&before=" + before), owner.accessToken, null);
                    if (r.status() == 200) {
                        list = r.body();
                    } else {
                        sleep(1000);
                    }
                }
                if (list == null) {
                    throw new IllegalStateException("history of channel " + channelIds.get(c) + " not readable");
                }
                for (JsonNode m : list) {
                    String id = m.path("message_id").asString();
                    ids.add(id);
                    before = before == null || Long.parseLong(id) < Long.parseLong(before) ? id : before;
                }
                if (list.size() < 100) {
                    break;
                }
            }
            out.put(c, ids);
        }
        return out;
    }

    private ChaosResult analyse(List<String> names, List<long[]> windows, List<int[]> clientCounts, Sends sends,
                                List<ChaosClient> clients, Map<Integer, Set<String>> history,
                                List<Integer> channelServer, Fixture fixture) {
        int phases = names.size() + 1; // index 0: baseline (phase -1)
        long[] acked = new long[phases];
        long[] lost = new long[phases];
        long[] missing = new long[phases];
        long[] dups = new long[phases];
        long[] order = new long[phases];
        Histogram[] sendP = new Histogram[phases];
        Histogram[] deliveryP = new Histogram[phases];
        for (int p = 0; p < phases; p++) {
            sendP[p] = new Histogram(3_600_000_000L, 3);
            deliveryP[p] = new Histogram(3_600_000_000L, 3);
        }
        Map<Integer, List<ChaosClient>> byServer = new HashMap<>();
        for (ChaosClient c : clients) {
            byServer.computeIfAbsent(c.user.server, k -> new ArrayList<>()).add(c);
        }
        Map<ChaosClient, Set<String>> shown = new HashMap<>();
        for (ChaosClient c : clients) {
            Set<String> ids = new HashSet<>(c.fromHistory);
            synchronized (c.dispatched) {
                Map<String, Integer> times = new HashMap<>();
                Map<Integer, Integer> highest = new HashMap<>();
                for (ChaosClient.Seen s : c.dispatched) {
                    ids.add(s.messageId());
                    Sends.Attempt a = sends.attempts.get(Sends.key(s.channel(), s.seq()));
                    int p = a == null ? 0 : a.phase + 1;
                    if (times.merge(s.messageId(), 1, Integer::sum) == 2) {
                        dups[p]++;
                        if (dups[p] <= 5) {
                            ChaosClient.Seen first = c.dispatched.stream()
                                    .filter(x -> x.messageId().equals(s.messageId())).findFirst().orElseThrow();
                            progress.say("duplicate: message %s (channel %d, seq %d, phase %s) shown to client %d"
                                            + " as s=%d on connection %d, again as s=%d on connection %d %.1f s later"
                                            + " (resumed %d, re-identified %d, reconnects %d)", s.messageId(),
                                    s.channel(), s.seq(), p == 0 ? "baseline" : names.get(p - 1), c.index, first.s(),
                                    first.connection(), s.s(), s.connection(), (s.nanos() - first.nanos()) / 1e9,
                                    c.resumed.get(), c.reidentified.get(), c.reconnects.get());
                        }
                    }
                    if (a != null && a.outcome == Sends.Outcome.ACKED) {
                        int top = highest.getOrDefault(s.channel(), 0);
                        if (s.seq() < top) {
                            order[p]++;
                        }
                        highest.put(s.channel(), Math.max(top, s.seq()));
                        deliveryP[p].recordValue(Math.max(0, (s.nanos() - a.startNanos) / 1000));
                    }
                }
            }
            shown.put(c, ids);
        }
        for (Sends.Attempt a : sends.attempts.values()) {
            if (a.outcome == null) {
                continue;
            }
            int p = a.phase + 1;
            sendP[p].recordValue(a.outcome == Sends.Outcome.ACKED ? Math.max(0, (a.endNanos - a.startNanos) / 1000)
                    : 3_000_000_000L);
            if (a.outcome != Sends.Outcome.ACKED) {
                continue;
            }
            acked[p]++;
            if (!history.get(a.channel).contains(a.messageId)) {
                lost[p]++;
            }
            List<String> without = new ArrayList<>();
            for (ChaosClient c : byServer.get(channelServer.get(a.channel))) {
                if (!shown.get(c).contains(a.messageId)) {
                    without.add("client " + c.index + " (resumed " + c.resumed.get() + ", re-identified "
                            + c.reidentified.get() + ", reconnects " + c.reconnects.get() + ")");
                }
            }
            if (!without.isEmpty()) {
                missing[p]++;
                if (missing[p] <= 5) {
                    progress.say("missing at clients: message %s (channel %d, seq %d, phase %s, acknowledged after"
                                    + " %.0f ms, in history: %s) not shown to %s", a.messageId, a.channel, a.seq,
                            p == 0 ? "baseline" : names.get(p - 1), a.millis(),
                            history.get(a.channel).contains(a.messageId), without);
                }
            }
        }
        Map<String, Map<String, Integer>> statuses = new java.util.TreeMap<>();
        for (Sends.Attempt a : sends.attempts.values()) {
            if (a.outcome != null) {
                String phaseName = a.phase < 0 ? "(baseline)" : names.get(a.phase);
                statuses.computeIfAbsent(phaseName, k -> new java.util.TreeMap<>())
                        .merge(a.outcome + (a.status > 0 ? " " + a.status : ""), 1, Integer::sum);
            }
        }
        statuses.forEach((phaseName, counts) -> progress.say("sends in %s: %s", phaseName, counts));
        VictimResult baseline = new VictimResult("(baseline)", 0, 0, 0, 0, 0, 0, 0, acked[0], lost[0], missing[0],
                dups[0], order[0], 0, 0, Double.NaN, Double.NaN, p99(sendP[0]), p99(deliveryP[0]));
        List<VictimResult> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            long[] w = windows.get(i);
            long down = 0;
            long downAcked = 0;
            long retried = 0;
            long refused = 0;
            long failed = 0;
            long hung = 0;
            for (Sends.Attempt a : sends.attempts.values()) {
                // not back before the next victim: "down" ends with its phase, not with the run
                if (a.outcome == null || a.startNanos < w[0] || a.startNanos > Math.min(w[1], w[2])) {
                    continue;
                }
                down++;
                if (a.retries > 0) {
                    retried++;
                }
                switch (a.outcome) {
                    case ACKED -> downAcked++;
                    case REFUSED_FAST -> refused++;
                    case FAILED_FAST -> failed++;
                    case HUNG -> hung++;
                }
            }
            double[] back = backUnderTarget(w[0], w[2], sends, clients);
            rows.add(new VictimResult(names.get(i), w[1] == Long.MAX_VALUE ? Double.NaN : (w[1] - w[0]) / 1e9, down,
                    downAcked, retried, refused, failed, hung, acked[i + 1], lost[i + 1], missing[i + 1], dups[i + 1],
                    order[i + 1], clientCounts.get(i)[0], clientCounts.get(i)[1], back[0], back[1],
                    p99(sendP[i + 1]), p99(deliveryP[i + 1])));
        }
        long total = 0;
        for (long a : acked) {
            total += a;
        }
        return new ChaosResult(baseline, rows, total, clients.size(), fixture.describe());
    }

    /**
     * Seconds from the kill to the start of the first of {@value #WINDOWS_IN_A_ROW} windows in a row whose send
     * p99 (a send not acknowledged counts as over) and delivery p99 are under target; NaN if none before the end.
     */
    private double[] backUnderTarget(long kill, long end, Sends sends, List<ChaosClient> clients) {
        long width = (long) (WINDOW_SECONDS * 1e9);
        int n = (int) Math.max(0, (end - kill) / width);
        Histogram[] send = new Histogram[n];
        Histogram[] delivery = new Histogram[n];
        for (int k = 0; k < n; k++) {
            send[k] = new Histogram(3_600_000_000L, 3);
            delivery[k] = new Histogram(3_600_000_000L, 3);
        }
        for (Sends.Attempt a : sends.attempts.values()) {
            int k = (int) ((a.startNanos - kill) / width);
            if (a.outcome == null || a.startNanos < kill || k >= n) {
                continue;
            }
            send[k].recordValue(a.outcome == Sends.Outcome.ACKED ? Math.max(0, (a.endNanos - a.startNanos) / 1000)
                    : 3_000_000_000L);
        }
        for (ChaosClient c : clients) {
            synchronized (c.dispatched) {
                for (ChaosClient.Seen s : c.dispatched) {
                    Sends.Attempt a = sends.attempts.get(Sends.key(s.channel(), s.seq()));
                    if (a == null || a.startNanos < kill) {
                        continue;
                    }
                    int k = (int) ((a.startNanos - kill) / width);
                    if (k < n) {
                        delivery[k].recordValue(Math.max(0, (s.nanos() - a.startNanos) / 1000));
                    }
                }
            }
        }
        return new double[] {firstRun(send, o.sendTargetMillis()), firstRun(delivery, o.deliveryTargetMillis())};
    }

    static double firstRun(Histogram[] windows, double targetMillis) {
        int run = 0;
        for (int k = 0; k < windows.length; k++) {
            boolean ok = windows[k].getTotalCount() > 0 && p99(windows[k]) <= targetMillis;
            run = ok ? run + 1 : 0;
            if (run == WINDOWS_IN_A_ROW) {
                return (k - WINDOWS_IN_A_ROW + 1) * WINDOW_SECONDS;
            }
        }
        return Double.NaN;
    }

    private static double p99(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
