package dev.guildhall.e2e;

import dev.guildhall.launcher.fleet.Fleet;
import dev.guildhall.launcher.fleet.FleetConfig;
import dev.guildhall.launcher.fleet.Ports;
import dev.guildhall.launcher.fleet.RepoRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One fleet per test JVM: every service as its own process, on real embedded infrastructure, with
 * throw-away data and ports shifted by {@code PORT_OFFSET} (3000 unless set or taken — then the next free one below
 * the ephemeral port range 32768+, where another process's outgoing connection can hold a port at random) so a
 * developer's running {@code ./guildhall up}, or another test run, is left alone. Started on first use, stopped when
 * the JVM exits.
 */
final class E2eFleet {

    /** Shifts every port; {@code -Dguildhall.e2e.offset=N} to choose it. */
    static final int PORT_OFFSET = Integer.getInteger("guildhall.e2e.offset") != null
            ? Integer.getInteger("guildhall.e2e.offset") : Ports.firstFreeOffsetFrom(3000, 2);
    private static Fleet fleet;

    private E2eFleet() {
    }

    static synchronized Fleet get() {
        if (fleet == null) {
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("guildhall-e2e");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FleetConfig config = FleetConfig.builder(RepoRoot.find())
                    .dataDir(dataDir)
                    .portOffset(PORT_OFFSET)
                    .websocketInstances(2)
                    .classDataSharing(false)
                    .startTimeout(Duration.ofMinutes(4))
                    // one log line per published and per dispatched event, with its trace id (TracingTest)
                    .env("LOGGING_LEVEL_GUILDHALL_TRACE", "DEBUG")
                    // every test registers its users from loopback: the suite is one address making hundreds of
                    // accounts in ten minutes, which the default edge limit (60) rightly refuses
                    .env("GUILDHALL_GATEWAY_REGISTER_LIMIT", "1000")
                    .progress(line -> System.out.println("[fleet] " + line))
                    .build();
            fleet = Fleet.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "e2e-fleet-stop"));
        }
        return fleet;
    }

    static String gatewayUrl() {
        return get().gatewayUrl();
    }
}
