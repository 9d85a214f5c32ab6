package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.Fixture;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat bench's settings, from {@code --name value} arguments. Users, servers and channels
 * default to a shape derived from the client count: two sessions per user, five users per server
 * (so every message fans out to ten sessions) and two text channels per server.
 */
public record BenchOptions(URI target, URI authUrl, URI serverUrl, int clients, double rate, double durationSeconds,
                    double warmupSeconds, int users, int servers, int channels, double drainSeconds,
                    double connectRate, boolean sweep, double sweepFrom, double sweepFactor, double sweepMax,
                    int sweepBisections, double sustainP99Millis, int setupParallelism, double primeSeconds,
                    Path fleetData, Path world, String note, double overloadFactor, double overloadSeconds,
                    double recoverySeconds, double recoveryP99Millis) {

    /** The messages limit both the gateway and message-service apply: 5 per 5 s per user per channel. */
    static final int SEND_LIMIT = 5;
    static final double SEND_LIMIT_WINDOW_SECONDS = 5;
    /** Slack for scheduler jitter when checking a pair stays under the limit. */
    static final double JITTER_SECONDS = 1;

    static final String USAGE = """
            options: --target URL (the gateway, e.g. http://localhost:8080; required)
                     --clients N (2000)  --rate MSG_PER_S (500)  --duration S (60)  --warmup S (10)
                     --users N (clients/2)  --servers N (users/5)  --channels N (servers*2, text channels in all)
                     --drain S (15)  --connect-rate N_PER_S (9: the gateway allows 100 upgrades per 10 s per address)
                     --sweep  --sweep-from MSG_PER_S (100)  --sweep-factor F (1.4)  --sweep-max MSG_PER_S (5000)
                     --sweep-bisect N (2)  --sustain-p99-ms MS (1000)
                     --auth-url URL  --server-url URL (set-up traffic; default: gateway port + 1 and + 2)
                     --prime S (20: a low-rate send before the first step, not reported)
                     --setup-parallelism N (4: auth-service allows 5 sign-ins in flight per address)
                     --note TEXT (describes the fleet in the report)
                     --fleet-data DIR (the launcher's data dir: CPU per process from its pid files)
                     --world FILE (reuse the accounts and servers saved there by an earlier run on the same fleet)
                     --overload F (a step load instead of steps: --duration S at --rate, then --overload-seconds S
                       at F × --rate, then --recovery-seconds S at --rate again; 429s are counted as refusals)
                     --overload-seconds S (30)  --recovery-seconds S (30)
                     --recovery-p99-ms MS (100: the p99 that counts as "back under target" after the overload)""";

    public static BenchOptions parse(String... args) {
        URI target = null;
        URI auth = null;
        URI server = null;
        int clients = 2000;
        double rate = 500;
        Double duration = null;
        Double warmup = null;
        Integer users = null;
        Integer servers = null;
        Integer channels = null;
        double drain = 15;
        double connectRate = 9;
        boolean sweep = false;
        double sweepFrom = 100;
        double sweepFactor = 1.4;
        double sweepMax = 5000;
        int bisect = 2;
        double sustain = 1000;
        int parallelism = 4;
        double prime = 20;
        Path fleetData = null;
        Path world = null;
        String note = "";
        double overload = 0;
        double overloadSeconds = 30;
        double recoverySeconds = 30;
        double recoveryP99 = 100;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--sweep")) {
                sweep = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--target" -> target = uri(v);
                case "--auth-url" -> auth = uri(v);
                case "--server-url" -> server = uri(v);
                case "--clients" -> clients = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--users" -> users = Integer.parseInt(v);
                case "--servers" -> servers = Integer.parseInt(v);
                case "--channels" -> channels = Integer.parseInt(v);
                case "--drain" -> drain = Double.parseDouble(v);
                case "--connect-rate" -> connectRate = Double.parseDouble(v);
                case "--sweep-from" -> sweepFrom = Double.parseDouble(v);
                case "--sweep-factor" -> sweepFactor = Double.parseDouble(v);
                case "--sweep-max" -> sweepMax = Double.parseDouble(v);
                case "--sweep-bisect" -> bisect = Integer.parseInt(v);
                case "--sustain-p99-ms" -> sustain = Double.parseDouble(v);
                case "--setup-parallelism" -> parallelism = Integer.parseInt(v);
                case "--prime" -> prime = Double.parseDouble(v);
                case "--fleet-data" -> fleetData = Path.of(v);
                case "--world" -> world = Path.of(v);
                case "--note" -> note = v;
                case "--overload" -> overload = Double.parseDouble(v);
                case "--overload-seconds" -> overloadSeconds = Double.parseDouble(v);
                case "--recovery-seconds" -> recoverySeconds = Double.parseDouble(v);
                case "--recovery-p99-ms" -> recoveryP99 = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("--target is required");
        }
        int u = users != null ? users : Math.max(2, clients / 2);
        int s = servers != null ? servers : Math.max(1, u / 5);
        int c = channels != null ? channels : s * 2;
        BenchOptions o = new BenchOptions(target, auth != null ? auth : neighbour(target, 1),
                server != null ? server : neighbour(target, 2), clients, rate,
                duration != null ? duration : (sweep ? 30 : 60), warmup != null ? warmup : (sweep ? 5 : 10),
                u, s, c, drain, connectRate, sweep, sweepFrom, sweepFactor, sweepMax, bisect, sustain, parallelism,
                prime, fleetData, world, note, overload, overloadSeconds, recoverySeconds, recoveryP99);
        o.validate();
        return o;
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (clients < 1 || users < 1 || servers < 1) {
            problems.add("--clients, --users and --servers must be positive");
        }
        if (users < servers) {
            problems.add("--users (" + users + ") must be at least --servers (" + servers + ")");
        }
        if (channels % servers != 0 || channels < servers) {
            problems.add("--channels (" + channels + ") must be a multiple of --servers (" + servers + ")");
        }
        if (rate <= 0 || durationSeconds <= 0 || warmupSeconds < 0 || connectRate <= 0) {
            problems.add("--rate, --duration and --connect-rate must be positive");
        }
        if (sweep && (sweepFactor <= 1 || sweepFrom <= 0)) {
            problems.add("--sweep-factor must be > 1 and --sweep-from positive");
        }
        if (overloadFactor != 0 && (sweep || overloadFactor <= 1 || overloadSeconds <= 0 || recoverySeconds <= 0)) {
            problems.add("--overload needs a factor > 1, positive --overload-seconds and --recovery-seconds, "
                    + "and no --sweep");
        }
        double highest = sweep ? sweepFrom : overloading() ? rate * overloadFactor : rate;
        if (problems.isEmpty() && !withinSendLimit(highest)) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "%.0f msg/s over %d (user, channel) pairs would send more than %d per %.0f s in one pair: "
                            + "raise --users or --channels (or lower %s)", highest, pairs(), SEND_LIMIT,
                    SEND_LIMIT_WINDOW_SECONDS, sweep ? "--sweep-from" : "--rate"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** A step load (base, overload, recovery) instead of steps. */
    boolean overloading() {
        return overloadFactor > 1;
    }

    /** The world these options ask for, for {@link Fixture}. */
    public Fixture.Shape shape() {
        return new Fixture.Shape(authUrl, serverUrl, users, servers, channelsPerServer(), setupParallelism);
    }

    int channelsPerServer() {
        return channels / servers;
    }

    /** (user, channel) pairs: every user sends in every channel of its one server. */
    int pairs() {
        return users * channelsPerServer();
    }

    /** Whether {@code rate} spread over the pairs keeps every pair under the send limit, with jitter to spare. */
    boolean withinSendLimit(double rate) {
        return new RateSchedule(rate, pairs())
                .maxSendsPerPairIn(SEND_LIMIT_WINDOW_SECONDS + JITTER_SECONDS) <= SEND_LIMIT;
    }

    private static URI uri(String v) {
        return URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    }

    /** The conventional port layout: auth-service is the gateway's port + 1, server-service + 2. */
    private static URI neighbour(URI gateway, int delta) {
        int port = gateway.getPort() > 0 ? gateway.getPort() : 80;
        return URI.create(gateway.getScheme() + "://" + gateway.getHost() + ":" + (port + delta));
    }
}
