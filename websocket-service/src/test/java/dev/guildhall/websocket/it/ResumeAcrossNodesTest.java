package dev.guildhall.websocket.it;

import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.websocket.session.SessionRegistry;
import dev.guildhall.websocket.support.Events;
import dev.guildhall.websocket.support.FakeUpstream;
import dev.guildhall.websocket.support.GatewayClient;
import dev.guildhall.websocket.support.GatewayNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances in one JVM sharing Redis and Kafka: a session moves from one to the other
 * by RESUME and gets exactly what it missed.
 */
class ResumeAcrossNodesTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    static FakeUpstream upstream;
    static GatewayNode node1;
    static GatewayNode node2;
    static Events events;
    static RedisClient redisClient;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        node1 = GatewayNode.start(upstream, Map.of("guildhall.websocket.instance-id", "node-one"));
        node2 = GatewayNode.start(upstream, Map.of("guildhall.websocket.instance-id", "node-two"));
        events = new Events();
        redisClient = RedisClient.create(TestInfrastructure.get().redisUrl());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() {
        redis.close();
        redisClient.shutdown();
        events.close();
        node2.close();
        node1.close();
        upstream.close();
    }

    @Test
    void sessionResumesOnAnotherNodeWithExactlyTheMissedEventsInOrder() throws Exception {
        long server = 8_000_000_010L;
        long owner = server + 1;
        long member = server + 2;
        long general = server + 3;
        upstream.server(server, owner).member(member).channel(general, "general", false);

        String token = upstream.token(member);
        String sessionId;
        long lastSeen;
        GatewayClient first = node1.connect();
        first.next(WAIT);
        first.identify(token);
        sessionId = first.awaitDispatch("READY", WAIT).path("d").path("session_id").asString();
        events.message(server, general, owner, "live");
        JsonNode live = first.awaitDispatch("MESSAGE_CREATE", WAIT);
        lastSeen = live.path("s").asLong();
        first.heartbeat(lastSeen);
        first.await(f -> f.path("op").asInt() == 11, WAIT);

        // the network drops; node 1 keeps the session and journals what follows
        first.abort();
        awaitDetached(node1, sessionId);
        for (String content : List.of("m1", "m2", "m3")) {
            events.message(server, general, owner, content);
        }
        awaitJournaledSeq(sessionId, lastSeen + 3);

        try (GatewayClient second = node2.connect()) {
            second.next(WAIT);
            second.resume(token, sessionId, lastSeen);
            List<JsonNode> replay = new ArrayList<>();
            JsonNode frame;
            do {
                frame = second.await(f -> f.path("op").asInt() == 0, WAIT);
                replay.add(frame);
            } while (!"RESUMED".equals(frame.path("t").asString()));

            assertThat(replay).extracting(f -> f.path("t").asString())
                    .containsExactly("MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_CREATE", "RESUMED");
            assertThat(replay.subList(0, 3)).extracting(f -> f.path("d").path("content").asString())
                    .containsExactly("m1", "m2", "m3");
            assertThat(replay).extracting(f -> f.path("s").asLong())
                    .containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3, lastSeen + 4);
            // node 2 had fanned the same events out itself: none of them comes a second time
            assertThat(second.next(Duration.ofSeconds(1))).isNull();

            events.message(server, general, owner, "after resume");
            JsonNode next = second.awaitDispatch("MESSAGE_CREATE", WAIT);
            assertThat(next.path("d").path("content").asString()).isEqualTo("after resume");
            assertThat(next.path("s").asLong()).isEqualTo(lastSeen + 5);
            // node 1 let go of it
            awaitGone(node1, sessionId);
            assertThat(node2.bean(SessionRegistry.class).get(sessionId)).isNotNull();
        }
    }

    /**
     * A journal append that never reached Redis (a timeout under load, a full queue) leaves a hole before the
     * client's seq: the client had that event live. The gap-fill from the new node's recent dispatches knows what
     * the session was sent only by the journal's refs, so it sent that old event again, after newer ones — a
     * duplicate out of order (ADR 261). Such a session cannot be continued exactly: INVALID_SESSION, and the
     * client fills the gap from history.
     */
    @Test
    void aJournalWithAHoleBeforeTheClientsSeqIsRefusedInsteadOfSendingAnEventAgain() throws Exception {
        long server = 8_000_000_050L;
        long owner = server + 1;
        long member = server + 2;
        long general = server + 3;
        upstream.server(server, owner).member(member).channel(general, "general", false);
        String token = upstream.token(member);
        // node 2 follows the server too (another member is connected there): it fans out a, b and c itself
        GatewayClient watcher = node2.connect();
        watcher.next(WAIT);
        watcher.identify(upstream.token(owner));
        watcher.awaitDispatch("READY", WAIT);

        GatewayClient first = node1.connect();
        first.next(WAIT);
        first.identify(token);
        String sessionId = first.awaitDispatch("READY", WAIT).path("d").path("session_id").asString();
        events.message(server, general, owner, "a");
        long seenA = first.awaitDispatch("MESSAGE_CREATE", WAIT).path("s").asLong();
        events.message(server, general, owner, "b");
        long lastSeen = first.awaitDispatch("MESSAGE_CREATE", WAIT).path("s").asLong();
        awaitJournaledSeq(sessionId, lastSeen);
        // the append of "a" never reached Redis
        String buffer = "ws:{" + sessionId + "}:buf";
        String entryOfA = redis.sync().lrange(buffer, 0, -1).stream()
                .filter(e -> e.startsWith(seenA + "|")).findFirst().orElseThrow();
        redis.sync().lrem(buffer, 1, entryOfA);

        first.abort();
        awaitDetached(node1, sessionId);
        events.message(server, general, owner, "c");
        awaitJournaledSeq(sessionId, lastSeen + 1);

        try (GatewayClient second = node2.connect()) {
            second.next(WAIT);
            second.resume(token, sessionId, lastSeen);
            List<JsonNode> frames = new ArrayList<>();
            JsonNode frame;
            do {
                frame = second.await(f -> f.path("op").asInt() == 9 || f.path("op").asInt() == 0, WAIT);
                frames.add(frame);
            } while (frame.path("op").asInt() != 9 && !"RESUMED".equals(frame.path("t").asString()));
            assertThat(frames).as("what the resume sent").noneMatch(f -> "a".equals(f.path("d").path("content")
                    .asString(null)));
            assertThat(frame.path("op").asInt()).as("INVALID_SESSION, not a resume: %s", frames).isEqualTo(9);
        } finally {
            watcher.close();
        }
    }

    /**
     * The node a session resumes on may lag behind the node it left: the journal replays events this node has not
     * fanned out yet. Its own copies arrive later and must not reach the session again, however late (ADR 262);
     * the remembered refs lasted {@code recent-retention} (30 s), less than a loaded node can lag.
     */
    @Test
    void aResumeOnANodeThatLagsBehindDoesNotDeliverTheReplayedEventsAgainWhenItCatchesUp() throws Exception {
        long server = 8_000_000_060L;
        long owner = server + 1;
        long member = server + 2;
        long general = server + 3;
        upstream.server(server, owner).member(member).channel(general, "general", false);
        String token = upstream.token(member);

        try (GatewayNode lagging = GatewayNode.start(upstream, Map.of("guildhall.websocket.instance-id",
                "node-lagging", "guildhall.websocket.fanout.recent-retention", "2s"))) {
            // another member on the lagging node: once it has "live", the node's consumer is past it
            GatewayClient watcher = lagging.connect();
            watcher.next(WAIT);
            watcher.identify(upstream.token(owner));
            watcher.awaitDispatch("READY", WAIT);
            GatewayClient first = node1.connect();
            first.next(WAIT);
            first.identify(token);
            String sessionId = first.awaitDispatch("READY", WAIT).path("d").path("session_id").asString();
            events.message(server, general, owner, "live");
            long lastSeen = first.awaitDispatch("MESSAGE_CREATE", WAIT).path("s").asLong();
            watcher.awaitDispatch("MESSAGE_CREATE", WAIT);

            MessageListenerContainer fanout = lagging.bean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer("gateway-fanout");
            fanout.pause();
            awaitPaused(fanout);
            first.abort();
            awaitDetached(node1, sessionId);
            events.message(server, general, owner, "m1");
            events.message(server, general, owner, "m2");
            awaitJournaledSeq(sessionId, lastSeen + 2);

            try (GatewayClient second = lagging.connect()) {
                second.next(WAIT);
                second.resume(token, sessionId, lastSeen);
                List<JsonNode> replay = new ArrayList<>();
                JsonNode frame;
                do {
                    frame = second.await(f -> f.path("op").asInt() == 0, WAIT);
                    replay.add(frame);
                } while (!"RESUMED".equals(frame.path("t").asString()));
                assertThat(replay).filteredOn(f -> "MESSAGE_CREATE".equals(f.path("t").asString()))
                        .extracting(f -> f.path("d").path("content").asString()).containsExactly("m1", "m2");
                long resumedSeq = frame.path("s").asLong();

                // the lagging node catches up well after recent-retention
                Thread.sleep(3_000);
                fanout.resume();
                events.message(server, general, owner, "after");
                JsonNode next = second.awaitDispatch("MESSAGE_CREATE", WAIT);
                assertThat(next.path("d").path("content").asString())
                        .as("m1 and m2 came once, by the replay; then only what is new").isEqualTo("after");
                assertThat(next.path("s").asLong()).isEqualTo(resumedSeq + 1);
            } finally {
                watcher.close();
            }
        }
    }

    private static void awaitPaused(MessageListenerContainer container) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!container.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the fan-out consumer did not pause");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aNodeShuttingDownSendsReconnectAndKeepsJournalingUntilItsSessionsResumeElsewhere() throws Exception {
        long server = 8_000_000_040L;
        long owner = server + 1;
        long member = server + 2;
        long general = server + 3;
        upstream.server(server, owner).member(member).channel(general, "general", false);
        String token = upstream.token(member);

        GatewayNode leaving = GatewayNode.start(upstream, Map.of("guildhall.websocket.instance-id", "node-leaving",
                "guildhall.websocket.shutdown-drain", "20s"));
        GatewayClient first = leaving.connect();
        first.next(WAIT);
        first.identify(token);
        String sessionId = first.awaitDispatch("READY", WAIT).path("d").path("session_id").asString();

        Thread stopping = new Thread(leaving::close, "stopping-node");
        stopping.start();
        assertThat(first.await(f -> f.path("op").asInt() == 7, WAIT)).isNotNull();
        assertThat(first.awaitClose(WAIT)).isEqualTo(4000);
        // a client that reaches the draining node anyway (a round robin in front) is sent on at once, instead of
        // staying connected and holding the node's graceful shutdown open
        try (GatewayClient late = leaving.connect()) {
            late.next(WAIT);
            assertThat(late.await(f -> f.path("op").asInt() == 7, WAIT)).isNotNull();
            assertThat(late.awaitClose(WAIT)).isEqualTo(4000);
        }

        // the draining node still journals for the session
        events.message(server, general, owner, "while reconnecting");
        awaitJournaledSeq(sessionId, 2);
        try (GatewayClient second = node2.connect()) {
            second.next(WAIT);
            second.resume(token, sessionId, 1);
            JsonNode missed = second.awaitDispatch("MESSAGE_CREATE", WAIT);
            assertThat(missed.path("d").path("content").asString()).isEqualTo("while reconnecting");
            assertThat(missed.path("s").asLong()).isEqualTo(2);
            assertThat(second.awaitDispatch("RESUMED", WAIT).path("s").asLong()).isEqualTo(3);
            // its last session gone, the old node finishes stopping well before its drain time (20 s)
            stopping.join(8_000);
            assertThat(stopping.isAlive()).isFalse();
        }
    }

    @Test
    void resumeWithAnotherUsersTokenIsInvalid() throws Exception {
        long server = 8_000_000_020L;
        long owner = server + 1;
        long member = server + 2;
        upstream.server(server, owner).member(member).channel(server + 3, "general", false);
        try (GatewayClient first = node1.connect(); GatewayClient thief = node2.connect()) {
            first.next(WAIT);
            first.identify(upstream.token(member));
            String sessionId = first.awaitDispatch("READY", WAIT).path("d").path("session_id").asString();
            thief.next(WAIT);
            thief.resume(upstream.token(owner), sessionId, 1);
            assertThat(thief.await(f -> f.path("op").asInt() == 9, WAIT).path("d").asBoolean()).isFalse();
        }
    }

    @Test
    void resumeWithASeqTheSessionNeverReachedClosesWith4007() throws Exception {
        long server = 8_000_000_030L;
        long member = server + 2;
        upstream.server(server, server + 1).member(member).channel(server + 3, "general", false);
        String token = upstream.token(member);
        GatewayClient first = node1.connect();
        first.next(WAIT);
        first.identify(token);
        String sessionId = first.awaitDispatch("READY", WAIT).path("d").path("session_id").asString();
        first.abort();
        awaitDetached(node1, sessionId);
        try (GatewayClient second = node2.connect()) {
            second.next(WAIT);
            second.resume(token, sessionId, 999);
            try {
                assertThat(second.awaitClose(WAIT)).isEqualTo(4007);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no close; frames: " + second.drain(), e);
            }
        }
    }

    private static void awaitDetached(GatewayNode node, String sessionId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var session = node.bean(SessionRegistry.class).get(sessionId);
            if (session != null && session.detachedAt() >= 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("session " + sessionId + " not detached");
    }

    private static void awaitGone(GatewayNode node, String sessionId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.bean(SessionRegistry.class).get(sessionId) != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + sessionId + " still on the old node");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitJournaledSeq(String sessionId, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String stored = redis.sync().hget("ws:{" + sessionId + "}:meta", "seq");
            if (stored != null && Long.parseLong(stored) >= seq) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("journal of " + sessionId + " did not reach " + seq);
    }
}
