package dev.guildhall.e2e;

import dev.guildhall.bench.chaos.ChaosEngine;
import dev.guildhall.bench.chaos.ChaosOptions;
import dev.guildhall.bench.chaos.ChaosResult;
import dev.guildhall.bench.common.Progress;
import dev.guildhall.launcher.fleet.Fleet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short form of {@code ./guildhall chaos} (issue 13, ADR 242): the same engine against the e2e fleet, with
 * four victims that each break a different part of the path of a message — message-service (the write), one
 * websocket node (live delivery: its clients RESUME on the other), Kafka (the outbox relay waits) and Redis
 * (resume journal, rate limits) — killed with SIGKILL one at a time under 50 msg/s and brought back by the
 * launcher's supervisor. Fails on any acknowledged message missing from history or from a client, shown twice,
 * or out of order in its channel. How fast a victim comes back is reported, not asserted: that is
 * {@code SupervisionTest}'s promise, and on a loaded host a JVM or Kafka start can take minutes.
 */
class ChaosTest {

    @Test
    void killedOneAtATimeUnderLoadNoAcknowledgedMessageIsLostDuplicatedOrReordered() throws Exception {
        Fleet fleet = E2eFleet.get();
        ChaosOptions options = ChaosOptions.parse("--target", fleet.gatewayUrl(),
                "--fleet-data", fleet.config().dataDir().toString(),
                "--victims", "message-service,websocket-service-2,kafka,redis",
                // 16 channels in 4 servers of 5 users, one session each: 20 clients; 50 msg/s stays under the
                // send limit of every (user, channel)
                "--servers", "4", "--users-per-server", "5", "--channels-per-server", "4", "--sessions-per-user", "1",
                "--rate", "50", "--baseline", "5", "--settle", "8", "--recover-timeout", "240",
                "--note", "e2e fleet");

        ChaosResult result = new ChaosEngine(options, new Progress()).run();

        System.out.println(result.table());
        assertThat(result.acked()).as("acknowledged sends under load").isGreaterThan(200);
        assertThat(result.lost()).as("acknowledged messages missing from history or a client\n%s", result.table())
                .isZero();
        assertThat(result.duplicates()).as("message ids shown twice to one client\n%s", result.table()).isZero();
        assertThat(result.orderViolations()).as("per-channel order violations\n%s", result.table()).isZero();
    }
}
