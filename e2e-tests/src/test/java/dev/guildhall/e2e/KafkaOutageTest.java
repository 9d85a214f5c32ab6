package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.Fleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka outage delays delivery but loses nothing: with the broker stopped, sends still commit (200) from the
 * outbox in the shard; once it is back, the outbox relay publishes them and the connected member gets every one
 * exactly once, in order per channel. Two forms: a burst of 100 sends, and issue 13's 60 s outage under a steady
 * pace. Kafka is running again when each test ends.
 */
class KafkaOutageTest {

    /** One send every 250 ms round the channels of the long outage: each channel one per 1.25 s, inside its 5 per 5 s. */
    static final long PACE_MILLIS = 250;
    static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(2);

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void messagesSentWhileKafkaIsDownArriveOnceAndInOrderWhenItIsBack() throws Exception {
        int perChannel = 5; // the send limit is 5 per 5 s per channel: no waiting needed
        outage("ann", "ben", 20, (a, channels, sent) -> {
            for (int round = 0; round < perChannel; round++) {
                for (String channel : channels) {
                    // under the gateway's global 50 requests/s per user, whatever the machine's speed
                    Thread.sleep(30);
                    Response r = api.post("/api/v1/channels/" + channel + "/messages", a.token(),
                            map("content", "during the outage " + round));
                    assertThat(r.status()).as("send %d/%d with Kafka down: %s", sent.count() + 1,
                            channels.size() * perChannel, r).isEqualTo(200);
                    sent.add(channel, r.text("message_id"));
                }
            }
            assertThat(sent.count()).isEqualTo(channels.size() * perChannel);
        });
    }

    @Test
    void sixtySecondsWithoutKafkaLoseNothingAndDeliverOnceInOrder() throws Exception {
        Duration outage = Duration.ofSeconds(60);
        long[] slowest = {0};
        outage("amy", "bob", 5, (a, channels, sent) -> {
            long ends = System.nanoTime() + outage.toNanos();
            for (int i = 0; System.nanoTime() < ends; i++) {
                long start = System.nanoTime();
                String channel = channels.get(i % channels.size());
                Response r = api.post("/api/v1/channels/" + channel + "/messages", a.token(),
                        map("content", "kafka down, send " + i));
                long took = System.nanoTime() - start;
                slowest[0] = Math.max(slowest[0], took);
                assertThat(r.status()).as("send %d with Kafka down: %s", i, r).isEqualTo(200);
                assertThat(Duration.ofNanos(took)).as("send %d acknowledged", i).isLessThan(ACKNOWLEDGED_WITHIN);
                sent.add(channel, r.text("message_id"));
                Thread.sleep(Math.max(0, PACE_MILLIS - Duration.ofNanos(System.nanoTime() - start).toMillis()));
            }
            assertThat(sent.count()).as("sends acknowledged during %s", outage).isGreaterThan(100);
        });
        System.out.printf("KafkaOutageTest: 60 s without Kafka, slowest send %d ms%n",
                Duration.ofNanos(slowest[0]).toMillis());
    }

    /** What one member sends while the broker is down. */
    interface Sends {
        void during(User sender, List<String> channels, Sent sent) throws Exception;
    }

    /** The acknowledged sends, in order per channel. */
    static final class Sent {
        final Map<String, List<String>> perChannel = new LinkedHashMap<>();
        final Set<String> ids = new HashSet<>();

        void add(String channel, String messageId) {
            perChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(messageId);
            ids.add(messageId);
        }

        int count() {
            return ids.size();
        }
    }

    /**
     * A server of two members and {@code channelCount} channels that B's node knows; B connected to the second
     * websocket node; Kafka stopped while {@code sends} runs, then started; then every acknowledged send must reach
     * B exactly once, in order per channel, within 180 s.
     */
    private static void outage(String sender, String observer, int channelCount, Sends sends) throws Exception {
        Fleet fleet = E2eFleet.get();
        User a = Scenario.register(api, sender);
        User b = Scenario.register(api, observer);
        Server server = Scenario.server(api, a, b);

        try (LiveSocket bLive = LiveSocket.identify(LiveSocket.nodeUrl("websocket-service-2"), b.token())) {
            List<String> channels = new ArrayList<>();
            channels.add(server.general());
            for (int i = 1; i < channelCount; i++) {
                Response channel = api.post("/api/v1/servers/" + server.id() + "/channels", a.token(),
                        map("channel_name", sender + "-room-" + i, "channel_type", "text"));
                assertThat(channel.status()).as(channel.toString()).isIn(200, 201);
                channels.add(channel.text("channel_id"));
            }
            // B's node knows every channel before the outage
            for (String id : channels.subList(1, channels.size())) {
                assertThat(bLive.dispatch("CHANNEL_CREATE", "channel_id", id, 30)).as("CHANNEL_CREATE %s", id).isNotNull();
            }
            Response warmUp = Scenario.send(api, a, server.general(), "before the outage");
            assertThat(bLive.dispatch("MESSAGE_CREATE", "message_id", warmUp.text("message_id"), 30)).isNotNull();
            Thread.sleep(5500); // the warm-up message's rate-limit window passes

            Sent sent = new Sent();
            fleet.stopKafka();
            try {
                sends.during(a, channels, sent);
            } finally {
                fleet.startKafka();
            }
            assertDeliveredOnceInOrder(bLive, sent);
        } finally {
            if (!fleet.isKafkaRunning()) {
                fleet.startKafka();
            }
        }
    }

    private static void assertDeliveredOnceInOrder(LiveSocket live, Sent sent) throws InterruptedException {
        Set<String> received = new HashSet<>();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!received.containsAll(sent.ids) && System.nanoTime() < deadline) {
            JsonNode f = live.dispatch("MESSAGE_CREATE", 10);
            if (f != null) {
                received.add(f.path("d").path("message_id").asString());
            }
        }
        Set<String> missing = new HashSet<>(sent.ids);
        missing.removeAll(received);
        assertThat(missing).as("messages B never got after Kafka came back").isEmpty();
        Thread.sleep(3000); // duplicates, if any, would have arrived

        Map<String, List<String>> receivedPerChannel = new HashMap<>();
        live.frames().stream()
                .filter(f -> "MESSAGE_CREATE".equals(f.path("t").asString()))
                .filter(f -> sent.ids.contains(f.path("d").path("message_id").asString()))
                .forEach(f -> receivedPerChannel.computeIfAbsent(f.path("d").path("channel_id").asString(),
                        k -> new ArrayList<>()).add(f.path("d").path("message_id").asString()));
        for (Map.Entry<String, List<String>> e : sent.perChannel.entrySet()) {
            assertThat(receivedPerChannel.get(e.getKey()))
                    .as("channel %s: exactly once, in order", e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }
    }
}
