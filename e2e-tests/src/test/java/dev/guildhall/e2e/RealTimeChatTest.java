package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text chat through the whole path: REST send through the gateway → message-service shard commit
 * + outbox → Kafka → websocket-service fan-out → the other member's WebSocket, opened through the
 * gateway's /gateway route, permissions applied on the way.
 */
class RealTimeChatTest {

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void aMessageSentByOneMemberReachesAnotherLive() {
        User a = Scenario.register(api, "ann");
        User b = Scenario.register(api, "ben");
        Server server = Scenario.server(api, a, b);

        try (LiveSocket bLive = LiveSocket.identify(LiveSocket.gatewayUrl(), b.token())) {
            String nonce = UUID.randomUUID().toString().substring(0, 16);
            Response sent = api.post("/api/v1/channels/" + server.general() + "/messages", a.token(),
                    map("content", "hello <b>ben</b>", "nonce", nonce));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(sent.text("message_id")).matches("\\d+");
            assertThat(sent.text("channel_id")).isEqualTo(server.general());
            assertThat(sent.text("user_id")).isEqualTo(a.id());
            assertThat(sent.text("created_at")).isNotBlank();

            JsonNode created = bLive.dispatch("MESSAGE_CREATE", "message_id", sent.text("message_id"), 30);
            assertThat(created).as("B receives A's message over the WebSocket").isNotNull();
            assertThat(created.path("d").path("content").asString()).isEqualTo("hello <b>ben</b>");
            assertThat(created.path("s").asLong()).isPositive();

            // history through the gateway agrees
            Response history = api.get("/api/v1/channels/" + server.general() + "/messages?limit=10", b.token());
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body().get(0).get("message_id").asString()).isEqualTo(sent.text("message_id"));
        }
    }
}
