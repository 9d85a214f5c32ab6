package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overload is back-pressure, not failure (ADRs 211, 212), through the gateway against the real message-service:
 * a storm of bad requests is answered 4xx and opens no breaker, and 48 sends at once — three times the send
 * path's bulkhead of 16 — are each either accepted (200, stored) or refused with 429 and {@code Retry-After};
 * never a 5xx, and another user's sends keep succeeding before, during and after.
 */
class OverloadTest {

    static final int SENDERS = 4;
    static final int CHANNELS = 12;

    @Test
    void badRequestsAndThreeTimesTheSendCapacityAreRefusedNotFailed() throws Exception {
        Api api = Scenario.api();
        User owner = Scenario.register(api, "own");
        User bystander = Scenario.register(api, "by");
        List<User> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(Scenario.register(api, "load"));
        }
        List<User> members = new ArrayList<>(senders);
        members.add(bystander);
        Server server = Scenario.server(api, owner, members.toArray(User[]::new));
        List<String> channels = new ArrayList<>(List.of(server.general()));
        for (int i = 1; i < CHANNELS; i++) {
            Response channel = api.post("/api/v1/servers/" + server.id() + "/channels", owner.token(),
                    map("channel_name", "load-" + i, "channel_type", "text"));
            assertThat(channel.status()).as(channel.toString()).isIn(200, 201);
            channels.add(channel.text("channel_id"));
        }

        // one client's bad input: 40 requests the service refuses
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Response response = switch (i % 3) {
                case 0 -> api.post("/api/v1/channels/" + server.general() + "/messages", owner.token(),
                        map("content", "x".repeat(5000)));
                case 1 -> api.post("/api/v1/channels/1/messages", owner.token(), map("content", "nowhere"));
                default -> api.get("/api/v1/channels/" + server.general() + "/messages?limit=oops", owner.token());
            };
            bad.add(response.status());
        }
        assertThat(bad).allSatisfy(status -> assertThat(status).isBetween(400, 499));
        Scenario.send(api, bystander, server.general(), "after the bad requests");

        // 3x the send path's capacity at once, each to its own sender's channel (no rate limit applies)
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS * CHANNELS);
        List<Response> answers;
        Response during;
        try {
            List<CompletableFuture<Response>> sends = new ArrayList<>();
            for (User sender : senders) {
                for (String channel : channels) {
                    sends.add(CompletableFuture.supplyAsync(() -> api.post("/api/v1/channels/" + channel + "/messages",
                            sender.token(), map("content", "load")), pool));
                }
            }
            during = api.post("/api/v1/channels/" + server.general() + "/messages", bystander.token(),
                    map("content", "during the load"));
            answers = sends.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 429);
            if (answer.status() == 429) {
                assertThat(answer.headers().firstValue("Retry-After")).as(answer.toString()).isPresent();
            }
        });
        assertThat(during.status()).as(during.toString()).isIn(200, 429);
        Scenario.send(api, bystander, server.general(), "after the load");

        Set<String> accepted = new HashSet<>();
        answers.stream().filter(a -> a.status() == 200).forEach(a -> accepted.add(a.text("message_id")));
        assertThat(accepted).isNotEmpty();
        Set<String> stored = new HashSet<>();
        for (String channel : channels) {
            for (JsonNode message : api.get("/api/v1/channels/" + channel + "/messages?limit=100", owner.token()).body()) {
                stored.add(message.path("message_id").asString());
            }
        }
        assertThat(stored).containsAll(accepted);
    }
}
