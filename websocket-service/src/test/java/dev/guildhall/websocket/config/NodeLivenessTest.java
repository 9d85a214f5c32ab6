package dev.guildhall.websocket.config;

import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a session's previous owner still runs decides if a RESUME may trust its journal up to the takeover
 * (ADR 072). A node restarted after a crash keeps its configured instance id, so the owner tokens of its previous
 * process must not count as its own (ADR 270): that process stopped journaling when it died, and a RESUME on the
 * restarted node was answered as if nothing had been missed in between.
 */
class NodeLivenessTest {

    static Redis redis;

    @BeforeAll
    static void connect() throws InterruptedException {
        redis = new Redis(TestInfrastructure.get().redisUrl());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!redis.connected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void theOwnerTokenOfAnEarlierProcessOfTheSameNodeIsDeadEvenWhileItsKeyLives() throws Exception {
        NodeIdentity crashed = new NodeIdentity("ws-liveness-1");
        NodeLiveness crashedLiveness = new NodeLiveness(redis, crashed);
        crashedLiveness.beat(); // its key lives 10 s after its last beat: the crash is more recent than that
        String token = crashed.nextOwnerToken();

        NodeIdentity restarted = new NodeIdentity("ws-liveness-1");
        NodeLiveness restartedLiveness = new NodeLiveness(redis, restarted);
        restartedLiveness.beat();
        NodeIdentity other = new NodeIdentity("ws-liveness-2");
        NodeLiveness otherLiveness = new NodeLiveness(redis, other);

        assertThat(restarted.instanceId()).isEqualTo(crashed.instanceId());
        assertThat(restarted.incarnation()).isNotEqualTo(crashed.incarnation());
        assertThat(alive(restartedLiveness, token)).as("on the restarted node").isFalse();
        assertThat(alive(restartedLiveness, restarted.nextOwnerToken())).as("its own sessions").isTrue();
        assertThat(alive(otherLiveness, token)).as("elsewhere, while the key has not expired").isTrue();
        assertThat(alive(otherLiveness, restarted.nextOwnerToken())).as("the restarted process, elsewhere").isTrue();

        crashedLiveness.stop();
        assertThat(alive(otherLiveness, token)).as("elsewhere, once the key is gone").isFalse();
        restartedLiveness.stop();
    }

    @Test
    void anInstanceIdCannotPassForAnotherNodesIncarnation() {
        NodeIdentity tricky = new NodeIdentity("ws~1.a");
        assertThat(tricky.instanceId()).isEqualTo("ws-1-a");
        assertThat(NodeIdentity.instanceOf(tricky.incarnation())).isEqualTo("ws-1-a");
    }

    private static boolean alive(NodeLiveness liveness, String token) throws Exception {
        return liveness.alive(token).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
