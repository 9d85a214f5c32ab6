package dev.guildhall.bench.chaos;

import dev.guildhall.bench.common.Fixture;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chaos run's settings from {@code --name value} arguments. The default world: 8 servers of 5 users with 2
 * text channels each (16 channels), 2 sessions per user (80 clients, each message reaches 10), 50 msg/s — about
 * 3 a second per channel, every user under the send limit of 5 per 5 s per channel.
 */
public record ChaosOptions(URI target, URI authUrl, URI serverUrl, Path fleetData, List<String> victims, double rate,
                           int servers, int usersPerServer, int channelsPerServer, int sessionsPerUser,
                           double baselineSeconds, double settleSeconds, double recoverTimeoutSeconds,
                           double sendTargetMillis, double deliveryTargetMillis, boolean rolling, String note) {

    static final String USAGE = """
            options: --target URL (the gateway; required)  --fleet-data DIR (the launcher's data dir; required:
                     pid files and supervision state)  --victims a,b,... (default: every supervised process)
                     --rate MSG_PER_S (50)  --servers N (8)  --users-per-server N (5)  --channels-per-server N (2)
                     --sessions-per-user N (2)  --baseline S (20)  --settle S (20: load after the victim is back)
                     --recover-timeout S (180)  --send-target-ms MS (100)  --delivery-target-ms MS (500)
                     --rolling (graceful restarts of every service in turn, as ./guildhall restart does, instead
                     of SIGKILL: every send must be acknowledged; a send refused for a moment, 429 OVERLOADED or
                     503 with Retry-After, goes again after it, one with no answer after 1 s, up to 3 times, as the
                     web client does)  --note TEXT""";

    public static ChaosOptions parse(String... args) {
        URI target = null;
        URI auth = null;
        URI server = null;
        Path data = null;
        List<String> victims = List.of();
        double rate = 50;
        int servers = 8;
        int users = 5;
        int channels = 2;
        int sessions = 2;
        double baseline = 20;
        double settle = 20;
        double recover = 180;
        double sendTarget = 100;
        double deliveryTarget = 500;
        String note = "";
        boolean rolling = false;
        for (int i = 0; i < args.length; i += 2) {
            String a = args[i];
            if (a.equals("--rolling")) {
                rolling = true;
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[i + 1];
            switch (a) {
                case "--target" -> target = uri(v);
                case "--auth-url" -> auth = uri(v);
                case "--server-url" -> server = uri(v);
                case "--fleet-data" -> data = Path.of(v);
                case "--victims" -> victims = List.of(v.split(","));
                case "--rate" -> rate = Double.parseDouble(v);
                case "--servers" -> servers = Integer.parseInt(v);
                case "--users-per-server" -> users = Integer.parseInt(v);
                case "--channels-per-server" -> channels = Integer.parseInt(v);
                case "--sessions-per-user" -> sessions = Integer.parseInt(v);
                case "--baseline" -> baseline = Double.parseDouble(v);
                case "--settle" -> settle = Double.parseDouble(v);
                case "--recover-timeout" -> recover = Double.parseDouble(v);
                case "--send-target-ms" -> sendTarget = Double.parseDouble(v);
                case "--delivery-target-ms" -> deliveryTarget = Double.parseDouble(v);
                case "--note" -> note = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        List<String> problems = new ArrayList<>();
        if (target == null || data == null) {
            problems.add("--target and --fleet-data are required");
        }
        if (rate <= 0 || servers < 1 || users < 1 || channels < 1 || sessions < 1) {
            problems.add("--rate, --servers, --users-per-server, --channels-per-server, --sessions-per-user must be positive");
        }
        // one channel's sends are serialized and rotate over the server's members: each member sends
        // rate/(servers*channels*users) a second in that channel; the limit is 5 per 5 s, keep a second of slack
        double perUserChannel = rate / (servers * channels * (double) users);
        if (problems.isEmpty() && perUserChannel * 6 > 5) {
            problems.add(String.format(java.util.Locale.ROOT, "%.0f msg/s puts %.2f msg/s on one user in one channel:"
                    + " over the send limit of 5 per 5 s; raise --servers or --users-per-server", rate, perUserChannel));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ChaosOptions(target, auth != null ? auth : neighbour(target, 1),
                server != null ? server : neighbour(target, 2), data, victims, rate, servers, users, channels,
                sessions, baseline, settle, recover, sendTarget, deliveryTarget, rolling, note);
    }

    Fixture.Shape shape() {
        return new Fixture.Shape(authUrl, serverUrl, servers * usersPerServer, servers, channelsPerServer, 4);
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
