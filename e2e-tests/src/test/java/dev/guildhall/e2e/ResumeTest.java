package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RESUME across nodes: a session dropped on websocket-service (not a clean 1000 close) is resumed on
 * websocket-service-2 and gets exactly what it missed, in order, with the original sequence numbers,
 * then RESUMED, then live events.
 */
class ResumeTest {

    static final int WAIT = 30;

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void aSessionDroppedOnOneNodeResumesOnTheOtherWithExactlyWhatItMissed() throws Exception {
        User a = Scenario.register(api, "ann");
        User b = Scenario.register(api, "ben");
        Server server = Scenario.server(api, a, b);
        String general = server.general();
        String node1 = LiveSocket.nodeUrl("websocket-service");
        String node2 = LiveSocket.nodeUrl("websocket-service-2");

        try (LiveSocket aLive = LiveSocket.identify(node1, a.token())) {
            LiveSocket bFirst = LiveSocket.identify(node1, b.token());
            String sessionId = bFirst.sessionId();
            assertThat(sessionId).isNotBlank();
            Response before = Scenario.send(api, a, general, "before the drop");
            assertThat(bFirst.dispatch("MESSAGE_CREATE", "message_id", before.text("message_id"), WAIT))
                    .as("B live on node 1").isNotNull();
            long seq = bFirst.lastSeq();
            assertThat(seq).isPositive();
            bFirst.dropResumable();

            List<String> missed = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                missed.add(Scenario.send(api, a, general, "missed " + i).text("message_id"));
            }
            // node 1 has fanned the three out (A's socket there got them): B's journal has them too
            for (String id : missed) {
                assertThat(aLive.dispatch("MESSAGE_CREATE", "message_id", id, WAIT)).as("A gets %s", id).isNotNull();
            }
            Thread.sleep(1500);

            try (LiveSocket bAgain = LiveSocket.resume(node2, b.token(), sessionId, seq)) {
                List<JsonNode> replay = new ArrayList<>();
                JsonNode resumed = bAgain.next(f -> {
                    if (f.path("op").asInt() == 0 && !"RESUMED".equals(f.path("t").asString())) {
                        replay.add(f);
                    }
                    return f.path("op").asInt() == 9 || "RESUMED".equals(f.path("t").asString());
                }, WAIT);
                assertThat(resumed).as("RESUMED (not INVALID_SESSION); frames %s", bAgain.frames()).isNotNull();
                assertThat(resumed.path("op").asInt()).as("frames %s", bAgain.frames()).isZero();

                List<String> replayedMessages = new ArrayList<>();
                long previous = seq;
                for (JsonNode f : replay) {
                    assertThat(f.path("s").asLong()).as("replayed s increases: %s", replay).isGreaterThan(previous);
                    previous = f.path("s").asLong();
                    if ("MESSAGE_CREATE".equals(f.path("t").asString())) {
                        replayedMessages.add(f.path("d").path("message_id").asString());
                    }
                }
                assertThat(replayedMessages).as("replay %s", replay).containsExactlyElementsOf(missed);

                // the resumed session is live, and nothing is delivered twice
                Response after = Scenario.send(api, a, general, "after the resume");
                JsonNode live = bAgain.dispatch("MESSAGE_CREATE", "message_id", after.text("message_id"), WAIT);
                assertThat(live).as("B live on node 2 after RESUMED").isNotNull();
                assertThat(live.path("s").asLong()).isGreaterThan(previous);
                Thread.sleep(2000);
                List<String> allCreates = new ArrayList<>();
                bAgain.frames().stream().filter(f -> "MESSAGE_CREATE".equals(f.path("t").asString()))
                        .forEach(f -> allCreates.add(f.path("d").path("message_id").asString()));
                List<String> expected = new ArrayList<>(missed);
                expected.add(after.text("message_id"));
                assertThat(allCreates).as("every MESSAGE_CREATE on the resumed socket").containsExactlyElementsOf(expected);
            }
        }
    }
}
