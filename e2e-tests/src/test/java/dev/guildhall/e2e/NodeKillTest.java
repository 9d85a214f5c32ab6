package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.Fleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RESUME after the owner node crashed (SIGKILL, no drain, no op 7): B's session lived on
 * websocket-service, which dies; three messages are sent while B is away; B resumes on
 * websocket-service-2. Per ADR 072 a dead owner stopped journaling at an unknown moment, so the new
 * node accepts only if it has followed every server of the session since the journal's last entry
 * with its recent ring intact. A is connected to node 2 throughout (before B's session exists), so
 * node 2 follows the server and the three messages are in its ring: the resume must be accepted and
 * replay exactly those three MESSAGE_CREATE, in order, then RESUMED. Observed: RESUMED (not op 9).
 * History via REST confirms the same three messages, nothing lost.
 */
class NodeKillTest {

    static final int WAIT = 30;
    static final String NODE_1 = "websocket-service";
    static final String NODE_2 = "websocket-service-2";

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void aSessionWhoseNodeWasKilledResumesOnTheOtherNodeWithExactlyWhatItMissed() throws Exception {
        Fleet fleet = E2eFleet.get();
        User a = Scenario.register(api, "ann");
        User b = Scenario.register(api, "ben");
        Server server = Scenario.server(api, a, b);
        String general = server.general();
        String node1 = LiveSocket.nodeUrl(NODE_1);
        String node2 = LiveSocket.nodeUrl(NODE_2);

        LiveSocket bFirst = null;
        try (LiveSocket aLive = LiveSocket.identify(node2, a.token())) {
            // node 2 now follows the server; B's session is created after that (since >= created_at)
            Thread.sleep(1000);
            bFirst = LiveSocket.identify(node1, b.token());
            String sessionId = bFirst.sessionId();
            assertThat(sessionId).isNotBlank();
            Response before = Scenario.send(api, a, general, "before the crash");
            String beforeId = before.text("message_id");
            assertThat(bFirst.dispatch("MESSAGE_CREATE", "message_id", beforeId, WAIT))
                    .as("B live on node 1").isNotNull();
            assertThat(aLive.dispatch("MESSAGE_CREATE", "message_id", beforeId, WAIT))
                    .as("A live on node 2").isNotNull();
            long seq = bFirst.lastSeq();
            assertThat(seq).isPositive();
            // let node 1's journal batcher write the entry before the crash
            Thread.sleep(1000);

            fleet.killService(NODE_1);
            assertThat(fleet.isServiceRunning(NODE_1)).as("node 1 killed").isFalse();
            bFirst.abort();

            List<String> missed = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                missed.add(Scenario.send(api, a, general, "missed " + i).text("message_id"));
            }
            for (String id : missed) {
                assertThat(aLive.dispatch("MESSAGE_CREATE", "message_id", id, WAIT))
                        .as("node 2 fanned out %s", id).isNotNull();
            }
            // node 1's Redis connection closed with it, so it is known dead at once (ADR 270); let node 2 fan out
            Thread.sleep(2_000);

            try (LiveSocket bAgain = LiveSocket.resume(node2, b.token(), sessionId, seq)) {
                List<JsonNode> replay = new ArrayList<>();
                JsonNode outcome = bAgain.next(f -> {
                    if (f.path("op").asInt() == 0 && !"RESUMED".equals(f.path("t").asString())) {
                        replay.add(f);
                    }
                    return f.path("op").asInt() == 9 || "RESUMED".equals(f.path("t").asString());
                }, WAIT);
                assertThat(outcome).as("an answer to RESUME; frames %s", bAgain.frames()).isNotNull();
                assertThat(outcome.path("op").asInt())
                        .as("RESUMED, not INVALID_SESSION: node 2 followed the server throughout; frames %s",
                                bAgain.frames())
                        .isZero();

                List<String> replayedMessages = new ArrayList<>();
                long previous = seq;
                for (JsonNode f : replay) {
                    assertThat(f.path("s").asLong()).as("replayed s increases: %s", replay).isGreaterThan(previous);
                    previous = f.path("s").asLong();
                    if ("MESSAGE_CREATE".equals(f.path("t").asString())) {
                        replayedMessages.add(f.path("d").path("message_id").asString());
                    }
                }
                assertThat(replayedMessages).as("replay before RESUMED %s", replay).containsExactlyElementsOf(missed);

                // nothing more arrives twice after RESUMED
                Thread.sleep(2000);
                List<String> allCreates = new ArrayList<>();
                bAgain.frames().stream().filter(f -> "MESSAGE_CREATE".equals(f.path("t").asString()))
                        .forEach(f -> allCreates.add(f.path("d").path("message_id").asString()));
                assertThat(allCreates).as("every MESSAGE_CREATE on the resumed socket").containsExactlyElementsOf(missed);
            }

            // and history agrees: exactly the three after the last one B saw live
            Response history = api.get("/api/v1/channels/" + general + "/messages?after=" + beforeId, b.token());
            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            List<String> stored = new ArrayList<>();
            history.body().forEach(m -> stored.add(m.path("message_id").asString()));
            assertThat(stored).as("history after %s: %s", beforeId, history).containsExactlyInAnyOrderElementsOf(missed);
        } finally {
            if (bFirst != null) {
                bFirst.abort();
            }
            fleet.startService(NODE_1);
        }
    }
}
