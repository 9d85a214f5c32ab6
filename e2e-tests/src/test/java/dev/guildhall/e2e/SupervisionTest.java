package dev.guildhall.e2e;

import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.Fleet;
import dev.guildhall.launcher.supervision.Supervisor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's supervision on the whole fleet (ADR 170): message-service killed with SIGKILL from
 * outside comes back on its own within its back-off and a start, and sends succeed again; a graceful
 * {@code restart} of a websocket node tells its clients to reconnect (op 7) and the node serves again; one of
 * message-service refuses no send, its standby serving meanwhile (ADR 276), and neither does one of the gateway, its
 * successor listening on the same port before it stops (ADR 277); one of the media node moves its conference to a
 * standby node and back (ADR 280).
 */
class SupervisionTest {

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void aMessageServiceKilledWithSigkillIsRestartedAndTheNextSendSucceeds() throws Exception {
        Fleet fleet = E2eFleet.get();
        User ann = Scenario.register(api, "sup");
        Server server = Scenario.server(api, ann);
        String before = Scenario.send(api, ann, server.general(), "before the crash").text("message_id");
        int restarts = fleet.supervision("message-service").restarts();

        ProcessHandle victim = fleet.process("message-service").orElseThrow();
        victim.destroyForcibly(); // not the launcher's stop: a crash
        long killed = System.nanoTime();
        // the first restart waits 1 s, then a JVM start (Flyway on two shards): well within two minutes
        waitUntil(Duration.ofMinutes(2), () -> fleet.supervision("message-service").restarts() == restarts + 1
                && fleet.supervision("message-service").phase() == Supervisor.Phase.RUNNING);
        System.out.printf("message-service back after %.1f s%n", (System.nanoTime() - killed) / 1e9);
        assertThat(fleet.supervision("message-service").lastExit().describe()).isEqualTo("SIGKILL");
        assertThat(fleet.process("message-service").orElseThrow().pid()).isNotEqualTo(victim.pid());

        String after = sendRetryingRefusals(ann, server.general(), "after the restart");
        List<String> history = new ArrayList<>();
        for (JsonNode m : api.get("/api/v1/channels/" + server.general() + "/messages?limit=10", ann.token()).body()) {
            history.add(m.path("message_id").asString());
        }
        assertThat(history).contains(before, after);
    }

    @Test
    void aGracefulRestartOfAWebsocketNodeSendsOp7AndTheNodeServesAgain() throws Exception {
        Fleet fleet = E2eFleet.get();
        String node = "websocket-service-2";
        User ben = Scenario.register(api, "rst");
        Server server = Scenario.server(api, ben);
        try (LiveSocket live = LiveSocket.identify(LiveSocket.nodeUrl(node), ben.token())) {
            fleet.restartService(node);
            assertThat(live.next(frame -> frame.path("op").asInt() == 7, 5)).as("op 7 RECONNECT before the node stopped").isNotNull();
        }
        assertThat(fleet.health(node).isUp()).isTrue();
        try (LiveSocket again = LiveSocket.identify(LiveSocket.nodeUrl(node), ben.token())) {
            String id = sendRetryingRefusals(ben, server.general(), "after the graceful restart");
            assertThat(again.dispatch("MESSAGE_CREATE", "message_id", id, 30)).isNotNull();
        }
    }

    /**
     * A graceful restart of message-service under steady sends (ADR 276): the launcher starts its standby first, the
     * gateway moves requests there while message-service drains, stops and starts again, and back; no send fails (a
     * 429 is tried again after its Retry-After, as clients do) and every acknowledged one is in history.
     */
    @Test
    void aGracefulRestartOfMessageServiceRefusesNoSend() throws Exception {
        SteadySends sends = restartUnderSteadySends("message-service", "rolling");
        assertThat(E2eFleet.get().isServiceRunning("message-service-standby")).as("the standby is gone again").isFalse();
        sends.assertNoneRefusedAndAllInHistory();
    }

    /**
     * A graceful restart of the gateway under steady sends (ADR 277): its successor listens on the same port before it
     * stops, so no connection is refused and no send fails.
     */
    @Test
    void aGracefulRestartOfTheGatewayRefusesNoSend() throws Exception {
        SteadySends sends = restartUnderSteadySends("gateway-service", "handover");
        assertThat(E2eFleet.get().health("gateway-service").isUp()).isTrue();
        sends.assertNoneRefusedAndAllInHistory();
    }

    /**
     * A graceful restart of the media node (ADR 280): the launcher starts a standby node; the first one drains, and
     * voice-service moves its conference to the standby and tells the member where ({@code VOICE_SERVER_UPDATE}); once
     * the first is back, the standby drains and the conference moves back. Each node the member is sent to answers
     * identify, and the member stays in the channel throughout.
     */
    @Test
    void aGracefulRestartOfTheMediaNodeMovesItsConferenceToTheStandbyAndBack() throws Exception {
        Fleet fleet = E2eFleet.get();
        User ann = Scenario.register(api, "mdr");
        Server server = Scenario.server(api, ann);
        String voice = Scenario.voiceChannel(api, ann, server);
        try (LiveSocket live = LiveSocket.identify(LiveSocket.gatewayUrl(), ann.token())) {
            Api.Response joined = Scenario.joinWhenANodeIsUp(api, ann, voice);
            assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
            String first = joined.text("endpoint");
            assertThat(first).doesNotContain("-standby");
            try (SignalSocket signal = new SignalSocket(first)) {
                signal.send("identify", Api.map("voice_token", joined.text("voice_token")));
                assertThat(signal.next("ready", 30)).as("the media node answers identify").isNotNull();

                java.util.concurrent.CompletableFuture<Void> restart = java.util.concurrent.CompletableFuture
                        .runAsync(() -> fleet.restartService("media-node"));
                JsonNode toStandby = live.dispatch("VOICE_SERVER_UPDATE", "user_id", ann.id(), 180);
                assertThat(toStandby).as("told where the conference went while the node drained").isNotNull();
                assertThat(toStandby.path("d").path("endpoint").asString()).contains("-standby");
                assertIdentifies(toStandby.path("d"));

                JsonNode back = live.dispatch("VOICE_SERVER_UPDATE", "user_id", ann.id(), 240);
                assertThat(back).as("told again when the standby drained back").isNotNull();
                assertThat(back.path("d").path("endpoint").asString()).doesNotContain("-standby");
                assertIdentifies(back.path("d"));
                restart.get(4, java.util.concurrent.TimeUnit.MINUTES);

                Api.Response states = api.get("/api/v1/channels/" + voice + "/voice/states", ann.token());
                assertThat(states.body()).hasSize(1);
                assertThat(states.body().get(0).path("session_id").asString())
                        .isEqualTo(back.path("d").path("session_id").asString());
            }
        } finally {
            api.post("/api/v1/channels/" + voice + "/voice/leave", ann.token(), Api.map());
        }
        assertThat(fleet.isServiceRunning("media-node-standby")).as("the standby node is gone again").isFalse();
    }

    private static void assertIdentifies(JsonNode update) {
        try (SignalSocket signal = new SignalSocket(update.path("endpoint").asString())) {
            signal.send("identify", Api.map("voice_token", update.path("voice_token").asString()));
            JsonNode ready = signal.next("ready", 30);
            assertThat(ready).as("the node at %s knows the moved endpoint", update.path("endpoint")).isNotNull();
            assertThat(ready.path("d").path("session_id").asString()).isEqualTo(update.path("session_id").asString());
        }
    }

    /** {@code ./guildhall restart SERVICE} while four users send a message a second each, from 2 s before to 2 s after. */
    private static SteadySends restartUnderSteadySends(String service, String prefix) throws Exception {
        Fleet fleet = E2eFleet.get();
        long pidBefore = fleet.process(service).orElseThrow().pid();
        SteadySends sends = SteadySends.start(4, prefix);
        try {
            Thread.sleep(2000);
            fleet.restartService(service);
            Thread.sleep(2000);
        } finally {
            sends.stop();
        }
        assertThat(fleet.process(service).orElseThrow().pid()).as("a new %s process", service).isNotEqualTo(pidBefore);
        return sends;
    }

    /** Users each sending one message a second to a server of their own, through the gateway, until stopped. */
    static final class SteadySends {
        final List<User> users = new ArrayList<>();
        final List<Server> servers = new ArrayList<>();
        final List<List<String>> acknowledged = new ArrayList<>();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        final List<Thread> senders = new ArrayList<>();

        static SteadySends start(int count, String prefix) {
            SteadySends s = new SteadySends();
            for (int i = 0; i < count; i++) {
                User u = Scenario.register(api, prefix);
                s.users.add(u);
                s.servers.add(Scenario.server(api, u));
            }
            for (int i = 0; i < count; i++) {
                User u = s.users.get(i);
                String channel = s.servers.get(i).general();
                List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
                s.acknowledged.add(ids);
                Thread t = new Thread(() -> {
                    for (int n = 0; s.running.get(); n++) {
                        try {
                            Api.Response sent = sendHonouringRetryAfter(u, channel, prefix + " " + n,
                                    prefix + "-" + channel + "-" + n);
                            if (sent.status() == 200) {
                                ids.add(sent.text("message_id"));
                            } else {
                                s.failures.add(sent.status() + " " + sent.body());
                            }
                        } catch (RuntimeException | InterruptedException e) {
                            s.failures.add(e + " (" + e.getCause() + ")");
                        }
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "sender-" + i);
                t.start();
                s.senders.add(t);
            }
            return s;
        }

        /**
         * One send as a client makes it: a 429 (back-pressure, with {@code Retry-After}) is tried again after the time it
         * names, with the same nonce, up to three times; anything else is the answer.
         */
        private static Api.Response sendHonouringRetryAfter(User u, String channel, String content, String nonce)
                throws InterruptedException {
            Api.Response sent = null;
            for (int attempt = 0; attempt < 4; attempt++) {
                sent = api.post("/api/v1/channels/" + channel + "/messages", u.token(),
                        Api.map("content", content, "nonce", nonce));
                if (sent.status() != 429) {
                    return sent;
                }
                double seconds = sent.headers().firstValue("Retry-After").map(Double::parseDouble).orElse(1.0);
                Thread.sleep((long) (Math.max(seconds, 0.1) * 1000));
            }
            return sent;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : senders) {
                t.join(10_000);
            }
        }

        void assertNoneRefusedAndAllInHistory() {
            assertThat(failures).as("sends refused during the restart").isEmpty();
            for (int i = 0; i < users.size(); i++) {
                List<String> history = new ArrayList<>();
                for (JsonNode m : api.get("/api/v1/channels/" + servers.get(i).general() + "/messages?limit=100",
                        users.get(i).token()).body()) {
                    history.add(m.path("message_id").asString());
                }
                assertThat(acknowledged.get(i)).as("acknowledged sends of user %d", i).isNotEmpty();
                assertThat(history).as("history of user %d's channel", i).containsAll(acknowledged.get(i));
            }
        }
    }

    /**
     * The first requests to a JVM that has just started (C1, cold caches) can exceed the gateway's time budget on
     * a loaded machine; the gateway then refuses fast with 503, and a client retries with the same nonce (at most
     * once delivered). Anything other than 200 or 503 fails at once.
     */
    static String sendRetryingRefusals(User from, String channel, String content) throws Exception {
        Api.Response sent = null;
        for (int attempt = 1; attempt <= 10; attempt++) {
            sent = api.post("/api/v1/channels/" + channel + "/messages", from.token(),
                    Api.map("content", content, "nonce", "retry-" + channel));
            if (sent.status() != 503) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(sent.status()).as("send after the restart (10 tries): %s", sent).isEqualTo(200);
        return sent.text("message_id");
    }

    static void waitUntil(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
