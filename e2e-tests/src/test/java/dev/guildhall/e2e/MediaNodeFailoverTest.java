package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.Fleet;
import dev.guildhall.launcher.fleet.HealthProbe;
import dev.guildhall.launcher.fleet.Service;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5: a media node that dies takes no call with it. A second media node joins the fleet; a member joins
 * voice and identifies on the node that holds the conference; that node is killed (no drain, no goodbye);
 * voice-service notices the missing load reports, moves the conference to the live node and sends the member
 * {@code VOICE_SERVER_UPDATE} with a new endpoint, token and session (a seat on the live node) over the
 * gateway, where the node answers {@code identify} with {@code ready} and an offer. The member's voice state
 * stays in the channel throughout.
 */
class MediaNodeFailoverTest {

    static final int WAIT = 30;
    static final String SECOND_NODE = "media-e2e-2";

    @Test
    void aDeadNodesConferenceMovesToALiveNodeAndTheMemberIsToldWhere() throws Exception {
        Fleet fleet = E2eFleet.get();
        Api api = Scenario.api();
        SecondNode second = SecondNode.start(fleet);
        boolean fleetNodeKilled = false;
        try {
            second.awaitHealthy();
            User a = Scenario.register(api, "fail");
            User b = Scenario.register(api, "fbw");
            Server server = Scenario.server(api, a, b);
            String voice = Scenario.voiceChannel(api, a, server);

            try (LiveSocket aLive = LiveSocket.identify(LiveSocket.gatewayUrl(), a.token())) {
                Response joined = Scenario.joinWhenANodeIsUp(api, a, voice);
                assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
                String endpoint = joined.text("endpoint");
                try (SignalSocket signal = new SignalSocket(endpoint)) {
                    signal.send("identify", map("voice_token", joined.text("voice_token")));
                    assertThat(signal.next("ready", WAIT)).as("the first node answers identify").isNotNull();

                    // the node holding the conference dies
                    if (endpoint.contains("/" + SECOND_NODE + "/")) {
                        second.process().destroyForcibly().waitFor();
                    } else {
                        fleet.killService("media-node");
                        fleetNodeKilled = true;
                    }
                    assertThat(signal.closeCode(WAIT)).as("the dead node's socket closes").isNotNull();
                }

                // node-stale-after (10 s) + the watchdog's round (2 s): well inside a minute
                JsonNode moved = aLive.dispatch("VOICE_SERVER_UPDATE", "user_id", a.id(), 60);
                assertThat(moved).as("A is told where the conference went").isNotNull();
                JsonNode d = moved.path("d");
                assertThat(d.path("channel_id").asString()).isEqualTo(voice);
                // a new seat on the live node: a new session id, which A's voice state now carries
                String session = d.path("session_id").asString();
                assertThat(session).isNotBlank();
                assertThat(d.path("endpoint").asString()).isNotEqualTo(endpoint).endsWith("/signal");
                assertThat(d.path("voice_token").asString()).isNotBlank().isNotEqualTo(joined.text("voice_token"));

                try (SignalSocket signal = new SignalSocket(d.path("endpoint").asString())) {
                    signal.send("identify", map("voice_token", d.path("voice_token").asString()));
                    JsonNode ready = signal.next("ready", WAIT);
                    assertThat(ready).as("the live node knows A's endpoint").isNotNull();
                    assertThat(ready.path("d").path("user_id").asString()).isEqualTo(a.id());
                    assertThat(ready.path("d").path("session_id").asString()).isEqualTo(session);
                    assertThat(signal.next("offer", WAIT)).as("and offers").isNotNull();
                }
                Response states = api.get("/api/v1/channels/" + voice + "/voice/states", b.token());
                assertThat(states.body()).hasSize(1);
                assertThat(states.body().get(0).path("user_id").asString()).isEqualTo(a.id());
                assertThat(states.body().get(0).path("session_id").asString()).isEqualTo(session);
                api.post("/api/v1/channels/" + voice + "/voice/leave", a.token(), map());
            }
        } finally {
            second.process().destroyForcibly();
            if (fleetNodeKilled) {
                fleet.startService("media-node");
            }
        }
    }

    /** Another media-node process on the fleet's Redis and secrets, with its own id, HTTP and UDP ports. */
    record SecondNode(Process process, int httpPort) {

        static SecondNode start(Fleet fleet) throws IOException {
            int httpPort = freePort();
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                    fleet.config().jar(Service.MEDIA).toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(fleet.environment("media-node"));
            builder.environment().put("PORT", String.valueOf(httpPort));
            builder.environment().put("GUILDHALL_MEDIA_NODE_ID", SECOND_NODE);
            builder.environment().put("GUILDHALL_MEDIA_UDP_PORT", String.valueOf(freeUdpPort()));
            builder.environment().put("GUILDHALL_WORKER_ID", "513");
            Path log = fleet.logFile("media-node").resolveSibling(SECOND_NODE + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            return new SecondNode(builder.start(), httpPort);
        }

        /** Healthy, and its first load report (every 2 s) is in Redis. */
        void awaitHealthy() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("the second media node runs (its log is next to the fleet's)").isTrue();
                if (HealthProbe.check(httpPort, Duration.ofSeconds(2)).isUp()) {
                    Thread.sleep(3000);
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("the second media node was not healthy within 2 minutes");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
