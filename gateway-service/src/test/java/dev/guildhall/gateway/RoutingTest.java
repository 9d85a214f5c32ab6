package dev.guildhall.gateway;

import dev.guildhall.gateway.support.FirstFrames;
import dev.guildhall.gateway.support.EchoSocket;
import dev.guildhall.gateway.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN's endpoint table: each path reaches its owner, the more specific route winning. */
class RoutingTest extends GatewayIntegrationTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // auth-service
            "POST,   /api/v1/auth/register,                      auth",
            "POST,   /api/v1/auth/login,                         auth",
            "GET,    /api/v1/users/@me,                          auth",
            "PATCH,  /api/v1/users/@me,                          auth",
            "POST,   /api/v1/users/@me/mfa/totp/enable,          auth",
            "GET,    /api/v1/users/123456789,                    auth",
            // server-service
            "GET,    /api/v1/users/@me/servers,                  server",
            "POST,   /api/v1/servers,                            server",
            "GET,    /api/v1/servers/42,                         server",
            "GET,    /api/v1/servers/42/channels,                server",
            "DELETE, /api/v1/servers/42/members/@me,             server",
            "PUT,    /api/v1/servers/42/members/7/roles/9,       server",
            "GET,    /api/v1/servers/42/audit-log,               server",
            "GET,    /api/v1/channels/77,                        server",
            "PATCH,  /api/v1/channels/77,                        server",
            "PUT,    /api/v1/channels/77/permissions/5,          server",
            "POST,   /api/v1/channels/77/invites,                server",
            "GET,    /api/v1/invites/AbCd,                       server",
            "POST,   /api/v1/invites/AbCd,                       server",
            // message-service
            "GET,    /api/v1/channels/77/messages,               message",
            "GET,    /api/v1/channels/77/messages/88,            message",
            "PUT,    /api/v1/channels/77/messages/88/reactions/x/@me, message",
            "POST,   /api/v1/channels/77/messages/88/ack,        message",
            "GET,    /api/v1/channels/77/pins,                   message",
            "PUT,    /api/v1/channels/77/pins/88,                message",
            "POST,   /api/v1/channels/77/typing,                 message",
            "POST,   /api/v1/channels/77/attachments,            message",
            "GET,    /api/v1/servers/42/messages/search?q=hi,    message",
            "POST,   /api/v1/users/@me/channels,                 message",
            "PUT,    /api/v1/channels/77/recipients/5,           message",
            "DELETE, /api/v1/channels/77/recipients/@me,         message",
            // voice-service
            "POST,   /api/v1/channels/77/voice/join,             voice",
            "PATCH,  /api/v1/channels/77/voice/state,            voice",
            "GET,    /api/v1/channels/77/voice/states,           voice",
            // bot-service
            "GET,    /api/v1/applications/1,                     bot",
            "POST,   /api/v1/webhooks/1/abc,                     bot",
            "GET,    /api/v1/bots/1,                             bot",
            "POST,   /api/v1/interactions/1/tok/callback,        bot",
            "POST,   /api/v1/channels/77/webhooks,               bot",
            "GET,    /api/v1/servers/42/webhooks,                bot",
            "PATCH,  /api/v1/webhooks/1,                         bot",
            "GET,    /api/v1/servers/1/auto-responses,           bot",
            "PATCH,  /api/v1/servers/1/auto-responses/2,         bot",
            // the Discord-compatible surface (ADR 177), both versions
            "GET,    /api/v10/gateway/bot,                       bot",
            "POST,   /api/v10/channels/77/messages,              bot",
            "GET,    /api/v9/users/@me,                          bot",
            "PUT,    /api/v10/applications/1/commands,           bot",
            "POST,   /api/v10/channels/77/webhooks,              bot",
            "POST,   /api/v10/channels/77/messages/bulk-delete,  bot",
    })
    void routesEachPathToItsOwner(String method, String path, String owner) {
        HttpResponse<String> response = http.send(Http.authorized(http.request(path), token())
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("service").asString()).isEqualTo(owner);
        assertThat(Http.json(response).get("uri").asString()).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource({"auth, auth", "server, server", "message, message", "voice, voice", "bot, bot"})
    void apiDescriptionsAreBrowsableWithoutATokenThroughTheGateway(String name, String owner) {
        HttpResponse<String> response = http.get("/api-docs/" + name, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("service").asString()).isEqualTo(owner);
        assertThat(Http.json(response).get("uri").asString()).isEqualTo("/v3/api-docs");
    }

    @Test
    void jwksIsPublicAndServedByAuth() {
        HttpResponse<String> response = http.get("/.well-known/jwks.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"keys\"");
    }

    @Test
    void internalPathsAreNeverRouted() {
        for (String path : new String[] {"/internal/x", "/internal", "//internal/users/1", "/INTERNAL/x"}) {
            HttpResponse<String> response = http.get(path, token());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Http.json(response).get("code").asString()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void pathTraversalTowardsInternalIsRejected() {
        int before = SERVICES.get("server").requests();

        HttpResponse<String> dots = http.get("/api/v1/servers/1/../../../internal/x", token());
        HttpResponse<String> encoded = http.get("/api/v1/servers/1/..%2F..%2F..%2Finternal%2Fx", token());

        assertThat(dots.statusCode()).isIn(400, 404);
        assertThat(encoded.statusCode()).isIn(400, 404);
        assertThat(dots.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(encoded.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(SERVICES.get("server").requests()).isEqualTo(before);
    }

    @Test
    void unknownApiPathIsProblemNotFound() {
        HttpResponse<String> response = http.get("/api/v1/nothing-here", token());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Http.json(response).get("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void forwardsClientAddressAppendingToTheTrustedProxysChain() {
        HttpResponse<String> direct = http.get("/api/v1/users/@me", token());
        HttpResponse<String> viaProxy = http.send(Http.authorized(http.request("/api/v1/users/@me"), token())
                .header("X-Forwarded-For", "203.0.113.9").header("X-Forwarded-Proto", "https"));

        var headers = Http.json(direct).get("headers");
        assertThat(headers.get("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-forwarded-host").asString()).startsWith("localhost:");
        assertThat(headers.get("x-forwarded-proto").asString()).isEqualTo("http");
        var proxied = Http.json(viaProxy).get("headers");
        assertThat(proxied.get("x-forwarded-for").asString()).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(proxied.get("x-forwarded-proto").asString()).isEqualTo("https");
    }

    @Test
    void fallbackEndpointIsNotReachableFromOutside() {
        HttpResponse<String> response = http.get("/fallback/messages", token());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.json(response).get("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aGatewaySocketsFirstFrameReachesWebsocketService() {
        assertThat(FirstFrames.lost("ws://127.0.0.1:" + port + "/gateway", "websocket", 300))
                .as("sockets of 300 whose first frame got no echo").isEmpty();
    }

    @Test
    void theDiscordDialectGatewayReachesWebsocketService() {
        assertThat(FirstFrames.lost("ws://127.0.0.1:" + port + "/gateway/discord", "websocket", 20))
                .as("Discord-dialect sockets whose first frame got no echo").isEmpty();
    }

    /** Issue 14 (ADR 207 at the edge): a frame over 64 KiB is answered by the gateway with 1009, not a dropped socket. */
    @Test
    void anOversizedFrameIsClosedWith1009AndSmallerOnesPass() throws Exception {
        EchoSocket socket = EchoSocket.open(port);
        try {
            String justUnder = "y".repeat(60_000);
            assertThat(socket.sendAndReceive(justUnder)).as("a 60 kB frame passes both ways")
                    .isEqualTo("websocket:" + justUnder);

            socket.socket().sendText("x".repeat(100_000), true).get(10, TimeUnit.SECONDS);

            assertThat(socket.closed().get(20, TimeUnit.SECONDS)).isEqualTo(1009);
        } finally {
            socket.close();
        }
    }
}
