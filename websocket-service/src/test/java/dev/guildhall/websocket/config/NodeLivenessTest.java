package dev.guildhall.websocket.config;

import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a session's previous owner still runs decides if a RESUME may trust its journal up to the takeover
 * (ADR 072, ADR 270): a node killed outright, or restarted under the same instance id, stopped journaling when it
 * died, and a RESUME that took it for alive was answered as if nothing had been missed in between.
 */
class NodeLivenessTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static Redis observerRedis;

    @BeforeAll
    static void connect() throws InterruptedException {
        observerRedis = connected();
    }

    @AfterAll
    static void close() {
        observerRedis.close();
    }

    @Test
    void theOwnerTokenOfAnEarlierProcessOfTheSameNodeIsDeadEvenWhileItLooksAlive() throws Exception {
        try (Redis crashedRedis = connected(); Redis restartedRedis = connected()) {
            NodeIdentity crashed = new NodeIdentity("ws-liveness-1");
            NodeLiveness crashedLiveness = new NodeLiveness(crashedRedis, crashed);
            String token = crashed.nextOwnerToken();
            NodeLiveness other = new NodeLiveness(observerRedis, new NodeIdentity("ws-liveness-2"));
            crashedLiveness.beat();
            awaitTrue(() -> alive(other, token), "the first process, seen from another node");

            NodeIdentity restarted = new NodeIdentity("ws-liveness-1");
            NodeLiveness restartedLiveness = new NodeLiveness(restartedRedis, restarted);
            restartedLiveness.beat();

            assertThat(restarted.instanceId()).isEqualTo(crashed.instanceId());
            assertThat(restarted.incarnation()).isNotEqualTo(crashed.incarnation());
            assertThat(alive(restartedLiveness, token)).as("the earlier process, on the restarted node").isFalse();
            assertThat(alive(restartedLiveness, restarted.nextOwnerToken())).as("its own sessions").isTrue();
            String restartedToken = restarted.nextOwnerToken();
            awaitTrue(() -> alive(other, restartedToken), "the restarted process, seen from another node");
            restartedLiveness.stop();
            crashedLiveness.stop();
        }
    }

    @Test
    void aKilledNodeIsDeadAtOnceThoughItsKeyHasNotExpired() throws Exception {
        NodeIdentity killed = new NodeIdentity("ws-liveness-3");
        String token = killed.nextOwnerToken();
        NodeLiveness other = new NodeLiveness(observerRedis, new NodeIdentity("ws-liveness-4"));
        Redis killedRedis = connected();
        new NodeLiveness(killedRedis, killed).beat();
        awaitTrue(() -> alive(other, token), "the node while it runs");

        killedRedis.close(); // what a SIGKILL does to the process's connection

        awaitTrue(() -> !alive(other, token), "the node once its connection is gone");
        assertThat(observerRedis.async().get(NodeLiveness.key(killed.incarnation())).get(5, TimeUnit.SECONDS))
                .as("its key, which alone would have said alive for up to %d ms more", NodeLiveness.TTL_MILLIS)
                .isNotNull();
    }

    @Test
    void anInstanceIdCannotPassForAnotherNodesIncarnation() {
        NodeIdentity tricky = new NodeIdentity("ws~1.a");
        assertThat(tricky.instanceId()).isEqualTo("ws-1-a");
        assertThat(NodeIdentity.instanceOf(tricky.incarnation())).isEqualTo("ws-1-a");
    }

    private static Redis connected() throws InterruptedException {
        Redis redis = new Redis(TestInfrastructure.get().redisUrl());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!redis.connected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return redis;
    }

    private static boolean alive(NodeLiveness liveness, String token) {
        try {
            return liveness.alive(token).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
