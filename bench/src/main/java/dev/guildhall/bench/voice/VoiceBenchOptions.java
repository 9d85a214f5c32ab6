package dev.guildhall.bench.voice;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The voice bench's settings, from {@code --name value} arguments. Each value of {@code --endpoints}
 * is one step (one row of the table); the conferences either stay {@code --conferences} or follow
 * {@code --conference-size}. With {@code --gateway} the bench runs in fleet mode: users join voice channels
 * through {@code POST /api/v1/channels/{id}/voice/join} and the endpoint it answers, not the control API.
 */
record VoiceBenchOptions(URI target, URI signalUrl, long nodePid, String nodeId, String internalToken,
                         String voiceSecret, List<Integer> endpoints, Integer conferences, int conferenceSize,
                         double durationSeconds, double warmupSeconds, double drainSeconds, double joinRate,
                         int joinParallelism, double joinTimeoutSeconds, int payloadBytes, int speakers, int senders,
                         String note, URI gateway, URI authUrl, URI serverUrl, Path fleetData, Path world) {

    static final String USAGE = """
            options: --target URL (the node's HTTP port, e.g. http://localhost:8088; required)
                     --endpoints N[,N...] (60; each value is one step, one row)
                     --conferences M  or  --conference-size K (6 endpoints per conference: M = N / K)
                     --duration S (30, measured)  --warmup S (10, after the last join)  --drain S (2)
                     --join-rate N_PER_S (20)  --join-parallel N (8 joins in flight)  --join-timeout S (20)
                     --payload BYTES (80: Opus at 32 kbit/s, 20 ms)  --speakers N (1 loud endpoint per conference,
                       the others send silence: level 127)  --senders N (2 sending threads in the bench)
                     --signal-url URL (default ws://<target host:port>/signal)
                     --node-pid PID (CPU of the node from /proc; without it no node CPU)
                     --node-id ID (media-1)  --internal-token T (dev-internal-token)
                     --voice-secret S (dev-voice-token-secret): what the node was started with
                     --note TEXT (describes the node in the report)
            fleet mode (joins through REST, as a client does):
                     --gateway URL (e.g. http://localhost:19116; users join through it and the endpoint it answers)
                     --auth-url URL  --server-url URL (sign-up and servers; default: the gateway)
                     --fleet-data DIR (the launcher's data dir: the node's pid from run/media-node.pid)
                     --world FILE (reuse the users and servers saved there by an earlier run on the same fleet)""";

    static VoiceBenchOptions parse(String... args) {
        URI target = null;
        URI signal = null;
        long pid = 0;
        String nodeId = "media-1";
        String internal = "dev-internal-token";
        String secret = "dev-voice-token-secret";
        List<Integer> endpoints = List.of(60);
        Integer conferences = null;
        Integer size = null;
        double duration = 30;
        double warmup = 10;
        double drain = 2;
        double joinRate = 20;
        int joinParallel = 8;
        double joinTimeout = 20;
        int payload = 80;
        int speakers = 1;
        int senders = 2;
        String note = "";
        URI gateway = null;
        URI authUrl = null;
        URI serverUrl = null;
        Path fleetData = null;
        Path world = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--target" -> target = base(v);
                case "--gateway" -> gateway = base(v);
                case "--auth-url" -> authUrl = base(v);
                case "--server-url" -> serverUrl = base(v);
                case "--fleet-data" -> fleetData = Path.of(v);
                case "--world" -> world = Path.of(v);
                case "--signal-url" -> signal = URI.create(v);
                case "--node-pid" -> pid = Long.parseLong(v);
                case "--node-id" -> nodeId = v;
                case "--internal-token" -> internal = v;
                case "--voice-secret" -> secret = v;
                case "--endpoints" -> endpoints = counts(v);
                case "--conferences" -> conferences = Integer.parseInt(v);
                case "--conference-size" -> size = Integer.parseInt(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--drain" -> drain = Double.parseDouble(v);
                case "--join-rate" -> joinRate = Double.parseDouble(v);
                case "--join-parallel" -> joinParallel = Integer.parseInt(v);
                case "--join-timeout" -> joinTimeout = Double.parseDouble(v);
                case "--payload" -> payload = Integer.parseInt(v);
                case "--speakers" -> speakers = Integer.parseInt(v);
                case "--senders" -> senders = Integer.parseInt(v);
                case "--note" -> note = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("--target is required");
        }
        if (conferences != null && size != null) {
            throw new IllegalArgumentException("give --conferences or --conference-size, not both");
        }
        if (gateway == null && (authUrl != null || serverUrl != null || world != null)) {
            throw new IllegalArgumentException("--auth-url, --server-url and --world belong to fleet mode (--gateway)");
        }
        if (gateway != null) {
            authUrl = authUrl != null ? authUrl : gateway;
            serverUrl = serverUrl != null ? serverUrl : gateway;
            if (pid == 0 && fleetData != null) {
                pid = FleetPids.mediaNode(fleetData);
            }
        }
        if (signal == null) {
            signal = URI.create("ws://" + target.getHost() + ":" + target.getPort() + "/signal");
        }
        VoiceBenchOptions o = new VoiceBenchOptions(target, signal, pid, nodeId, internal, secret, endpoints,
                conferences, size != null ? size : 6, duration, warmup, drain, joinRate, joinParallel, joinTimeout,
                payload, speakers, senders, note, gateway, authUrl, serverUrl, fleetData, world);
        o.validate();
        return o;
    }

    private static URI base(String v) {
        return URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    }

    /** Fleet mode: members join through the gateway's REST API. */
    boolean fleet() {
        return gateway != null;
    }

    /**
     * Endpoints of the unreported priming step, all in one conference: at most 6, and in fleet mode no more
     * than a server of the world has members.
     */
    int primingEndpoints() {
        int n = Math.min(6, endpoints.get(0));
        return fleet() ? Math.min(n, membersPerServer()) : n;
    }

    /** Fleet mode's world: a server (with its voice channel) for each conference of the largest step. */
    int serversNeeded() {
        return endpoints.stream().mapToInt(this::conferencesFor).max().orElse(1);
    }

    /** Fleet mode's world: members per server, enough for the fullest conference of any step. */
    int membersPerServer() {
        return endpoints.stream().mapToInt(n -> {
            int m = conferencesFor(n);
            return (n + m - 1) / m;
        }).max().orElse(2);
    }

    private static List<Integer> counts(String v) {
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(Integer.parseInt(part.trim()));
            }
        }
        return List.copyOf(out);
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (endpoints.isEmpty() || endpoints.stream().anyMatch(n -> n < 2)) {
            problems.add("--endpoints needs values of at least 2");
        }
        if (conferences != null && conferences < 1 || conferenceSize < 2) {
            problems.add("--conferences must be positive and --conference-size at least 2");
        }
        if (conferences != null && endpoints.stream().anyMatch(n -> n < 2 * conferences)) {
            problems.add("every --endpoints value must give each of the " + conferences
                    + " conferences at least 2 endpoints");
        }
        if (durationSeconds <= 0 || warmupSeconds < 0 || drainSeconds < 0 || joinRate <= 0 || joinParallelism < 1
                || joinTimeoutSeconds <= 0 || senders < 1 || speakers < 0) {
            problems.add("--duration, --join-rate, --join-parallel, --join-timeout and --senders must be positive");
        }
        if (payloadBytes < AudioPacket.STAMP || payloadBytes > 1200) {
            problems.add("--payload must be " + AudioPacket.STAMP + "…1200 bytes");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Conferences of a step with {@code n} endpoints: fixed, or enough for {@code --conference-size} each. */
    int conferencesFor(int n) {
        return conferences != null ? conferences : Math.max(1, (n + conferenceSize - 1) / conferenceSize);
    }

    /** Forwarded streams of a step: each endpoint is heard by every other member of its conference. */
    static long streams(int n, int conferences) {
        long total = 0;
        for (int c = 0; c < conferences; c++) {
            long k = n / conferences + (c < n % conferences ? 1 : 0);
            total += k * (k - 1);
        }
        return total;
    }
}
