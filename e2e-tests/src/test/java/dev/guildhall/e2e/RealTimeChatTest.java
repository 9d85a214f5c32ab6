package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text chat through the whole path: REST send through the gateway → message-service shard commit
 * + outbox → Kafka → websocket-service fan-out → the other member's WebSocket, permissions
 * applied on the way.
 */
class RealTimeChatTest {

    static Api api;

    @BeforeAll
    static void fleet() {
        api = new Api(E2eFleet.gatewayUrl());
    }

    static String[] account(String prefix) {
        String username = prefix + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct horse " + UUID.randomUUID();
        Response created = api.post("/api/v1/auth/register", null,
                map("username", username, "email", username + "@example.test", "password", password));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response login = api.post("/api/v1/auth/login", null, map("login", username, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new String[] {created.text("user_id"), login.text("access_token")};
    }

    @Test
    void aMessageSentByOneMemberReachesAnotherLive() {
        String[] a = account("ann");
        String[] b = account("ben");
        Response server = api.post("/api/v1/servers", a[1], map("server_name", "Live"));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        String serverId = server.text("server_id");
        String general = null;
        for (JsonNode channel : api.get("/api/v1/servers/" + serverId + "/channels", a[1]).body()) {
            if ("general".equals(channel.get("channel_name").asString())) {
                general = channel.get("channel_id").asString();
            }
        }
        assertThat(general).isNotNull();
        Response invite = api.post("/api/v1/channels/" + general + "/invites", a[1], map("max_age", 600));
        assertThat(api.post("/api/v1/invites/" + invite.text("code"), b[1], map()).status()).isIn(200, 201);

        try (GatewayClient bLive = GatewayClient.connect(E2eFleet.gatewayUrl(), b[1])) {
            String nonce = UUID.randomUUID().toString().substring(0, 16);
            Response sent = api.post("/api/v1/channels/" + general + "/messages", a[1],
                    map("content", "hello <b>ben</b>", "nonce", nonce));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(sent.text("message_id")).matches("\\d+");
            assertThat(sent.text("channel_id")).isEqualTo(general);
            assertThat(sent.text("user_id")).isEqualTo(a[0]);
            assertThat(sent.text("created_at")).isNotBlank();

            JsonNode created = bLive.next(f -> "MESSAGE_CREATE".equals(f.path("t").asString())
                    && sent.text("message_id").equals(f.path("d").path("message_id").asString()), 30);
            assertThat(created).as("B receives A's message over the WebSocket").isNotNull();
            assertThat(created.path("d").path("content").asString()).isEqualTo("hello <b>ben</b>");
            assertThat(created.path("s").asLong()).isPositive();

            // history through the gateway agrees
            Response history = api.get("/api/v1/channels/" + general + "/messages?limit=10", b[1]);
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body().get(0).get("message_id").asString()).isEqualTo(sent.text("message_id"));
        }
    }
}
