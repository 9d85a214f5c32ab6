package dev.guildhall.websocket.presence;

import dev.guildhall.infra.EmbeddedRedis;
import dev.guildhall.infra.FreePorts;
import dev.guildhall.websocket.config.Redis;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.Intents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that connects while the node cannot reach Redis (down, or its connection being re-established) is
 * not lost from presence: its next heartbeat after Redis is back registers it, and the user is announced online.
 * Real redis-server, started only after the session connected.
 */
class PresenceAcrossRedisOutageTest {

    @TempDir
    Path data;

    @Test
    void aSessionThatConnectedWhileRedisWasUnreachableIsOnlineAfterItsNextHeartbeat() throws Exception {
        int port = FreePorts.find();
        List<String> announced = new CopyOnWriteArrayList<>();
        try (Redis redis = new Redis("redis://127.0.0.1:" + port)) {
            PresenceService presence = new PresenceService(redis, (user, status) -> announced.add(user + ":" + status),
                    System::currentTimeMillis, 60_000);
            GatewaySession session = new GatewaySession("s1", 77, Intents.ALL, "owner-1", 0, "dnd", null,
                    System::currentTimeMillis);

            presence.connect(session); // Redis is not there: nothing is recorded
            try (EmbeddedRedis server = EmbeddedRedis.start(data, port)) {
                waitFor(Duration.ofSeconds(15), redis::connected);
                assertThat(statusOf(presence, 77)).isEqualTo("offline");

                presence.refresh(session);

                waitFor(Duration.ofSeconds(5), () -> !announced.isEmpty());
                assertThat(statusOf(presence, 77)).isEqualTo("dnd");
                assertThat(announced).containsExactly("77:dnd");
                // an ordinary heartbeat afterwards announces nothing new
                presence.refresh(session);
                Thread.sleep(300);
                assertThat(announced).containsExactly("77:dnd");
            }
        }
    }

    private static void waitFor(Duration atMost, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static String statusOf(PresenceService presence, long userId) throws Exception {
        Map<Long, String> statuses = presence.statuses(List.of(userId)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        return statuses.get(userId);
    }
}
