package dev.guildhall.bench.http;

import java.net.URI;
import java.nio.file.Path;

/**
 * The http bench's settings, from {@code --name value} arguments. The defaults are issue 12's: wrk -t2 -c20
 * -d30s with 40 users' tokens in rotation, against three routes one after the other.
 */
record HttpOptions(URI target, URI authUrl, URI serverUrl, int threads, int connections, double durationSeconds,
                   double warmupSeconds, int users, int messages, Path fleetData, Path world, String note) {

    static final String USAGE = """
            options: --target URL (the gateway, e.g. http://localhost:8080; required)
                     --threads N (2)  --connections N (20: requests in flight, each answered before the next)
                     --duration S (30 per route)  --warmup S (5 per route, not reported; 0 for none)
                     --users N (40: their access tokens in rotation)  --messages N (50 in the read channel)
                     --auth-url URL  --server-url URL (set-up traffic; default: gateway port + 1 and + 2)
                     --note TEXT (describes the fleet in the report)
                     --fleet-data DIR (the launcher's data dir: the fleet's CPU from its pid files)
                     --world FILE (reuse the accounts and server saved there by an earlier run on the same fleet)""";

    static HttpOptions parse(String... args) {
        URI target = null;
        URI auth = null;
        URI server = null;
        int threads = 2;
        int connections = 20;
        double duration = 30;
        double warmup = 5;
        int users = 40;
        int messages = 50;
        Path fleetData = null;
        Path world = null;
        String note = "";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--target" -> target = uri(v);
                    case "--auth-url" -> auth = uri(v);
                    case "--server-url" -> server = uri(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    case "--connections" -> connections = Integer.parseInt(v);
                    case "--duration" -> duration = Double.parseDouble(v);
                    case "--warmup" -> warmup = Double.parseDouble(v);
                    case "--users" -> users = Integer.parseInt(v);
                    case "--messages" -> messages = Integer.parseInt(v);
                    case "--fleet-data" -> fleetData = Path.of(v);
                    case "--world" -> world = Path.of(v);
                    case "--note" -> note = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " needs a number, not " + v);
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("--target is required");
        }
        if (threads < 1 || connections < 1 || users < 1 || messages < 0 || duration <= 0 || warmup < 0) {
            throw new IllegalArgumentException("--threads, --connections, --users and --duration must be positive, "
                    + "--messages and --warmup not negative");
        }
        return new HttpOptions(target, auth != null ? auth : neighbour(target, 1),
                server != null ? server : neighbour(target, 2), threads, connections, duration, warmup, users,
                messages, fleetData, world, note);
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
