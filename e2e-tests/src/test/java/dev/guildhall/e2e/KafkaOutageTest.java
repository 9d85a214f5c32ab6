package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.Fleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
 * A Kafka outage delays delivery but loses nothing: with the broker stopped, 100 sends still
 * commit (200); once it is back, the outbox relay publishes them and the connected member gets
 * every one exactly once, in order per channel. Kafka is running again when the test ends.
 */
class KafkaOutageTest {

    static final int CHANNELS = 20;
    static final int PER_CHANNEL = 5; // the send limit is 5 per 5 s per channel: no waiting needed

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void messagesSentWhileKafkaIsDownArriveOnceAndInOrderWhenItIsBack() throws Exception {
        Fleet fleet = E2eFleet.get();
        User a = Scenario.register(api, "ann");
        User b = Scenario.register(api, "ben");
        Server server = Scenario.server(api, a, b);

        try (LiveSocket bLive = LiveSocket.identify(LiveSocket.nodeUrl("websocket-service-2"), b.token())) {
            List<String> channels = new ArrayList<>();
            channels.add(server.general());
            for (int i = 1; i < CHANNELS; i++) {
                Response channel = api.post("/api/v1/servers/" + server.id() + "/channels", a.token(),
                        map("channel_name", "room-" + i, "channel_type", "text"));
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

            Map<String, List<String>> sentPerChannel = new LinkedHashMap<>();
            Set<String> sent = new HashSet<>();
            fleet.stopKafka();
            try {
                for (int round = 0; round < PER_CHANNEL; round++) {
                    for (String channel : channels) {
                        // under the gateway's global 50 requests/s per user, whatever the machine's speed
                        Thread.sleep(30);
                        Response r = api.post("/api/v1/channels/" + channel + "/messages", a.token(),
                                map("content", "during the outage " + round));
                        assertThat(r.status()).as("send %d/%d with Kafka down: %s", sent.size() + 1,
                                CHANNELS * PER_CHANNEL, r).isEqualTo(200);
                        sentPerChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(r.text("message_id"));
                        sent.add(r.text("message_id"));
                    }
                }
            } finally {
                fleet.startKafka();
            }
            assertThat(sent).hasSize(CHANNELS * PER_CHANNEL);

            Set<String> received = new HashSet<>();
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!received.containsAll(sent) && System.nanoTime() < deadline) {
                JsonNode f = bLive.dispatch("MESSAGE_CREATE", 10);
                if (f != null) {
                    received.add(f.path("d").path("message_id").asString());
                }
            }
            Set<String> missing = new HashSet<>(sent);
            missing.removeAll(received);
            assertThat(missing).as("messages B never got after Kafka came back").isEmpty();
            Thread.sleep(3000); // duplicates, if any, would have arrived

            Map<String, List<String>> receivedPerChannel = new HashMap<>();
            bLive.frames().stream()
                    .filter(f -> "MESSAGE_CREATE".equals(f.path("t").asString()))
                    .filter(f -> sent.contains(f.path("d").path("message_id").asString()))
                    .forEach(f -> receivedPerChannel.computeIfAbsent(f.path("d").path("channel_id").asString(),
                            k -> new ArrayList<>()).add(f.path("d").path("message_id").asString()));
            for (Map.Entry<String, List<String>> e : sentPerChannel.entrySet()) {
                assertThat(receivedPerChannel.get(e.getKey()))
                        .as("channel %s: exactly once, in order", e.getKey())
                        .containsExactlyElementsOf(e.getValue());
            }
        } finally {
            if (!fleet.isKafkaRunning()) {
                fleet.startKafka();
            }
        }
    }
}
