package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A slow downstream, oversized bodies, and the WebSocket upgrade through the gateway. */
class ResilienceTest extends GatewayIntegrationTest {

    @Autowired
    TimeLimiterRegistry timeLimiters;

    @Test
    void aHangingDownstreamIsA503WithinTheTimeLimit() {
        long start = System.nanoTime();
        HttpResponse<String> response = http.get("/api/v1/channels/1/messages?hang=1", token());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        EdgeSecurityTest.assertProblem(response, 503, "SERVICE_UNAVAILABLE");
        JsonNode body = Http.json(response);
        assertThat(body.get("detail").asString()).isEqualTo("Messaging is temporarily unavailable");
        assertThat(body.get("reason").asString()).isEqualTo("timeout");
        assertThat(body.get("route").asString()).isEqualTo("messages");
        assertThat(body.get("instance").asString()).isEqualTo("/api/v1/channels/1/messages");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofMillis(2600));
    }

    @Test
    void uploadsHaveTheirOwnLongerTimeLimit() {
        assertThat(timeLimiters.find("message-uploads")).hasValueSatisfying(limiter ->
                assertThat(limiter.getTimeLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(60)));
        assertThat(timeLimiters.getDefaultConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anOversizedJsonBodyIs413() {
        int before = SERVICES.get("message").requests();
        String huge = "{\"content\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";

        HttpResponse<String> response = http.post("/api/v1/channels/1/messages", token(), huge);

        EdgeSecurityTest.assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(SERVICES.get("message").requests()).isEqualTo(before);
    }

    @Test
    void anOversizedChunkedBodyIs413() {
        byte[] huge = new byte[1024 * 1024 + 10];
        HttpResponse<String> response = http.send(Http.authorized(http.request("/api/v1/channels/2/messages/3"), token())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        EdgeSecurityTest.assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aMultipartUploadMayBeLargerThanJson() {
        byte[] file = new byte[2 * 1024 * 1024];
        HttpResponse<String> response = http.send(Http.authorized(http.request("/api/v1/channels/2/messages"), token())
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("body_length").asInt()).isEqualTo(file.length);
    }

    @Test
    void webSocketUpgradeReachesTheRealTimeGateway() throws Exception {
        var received = new java.util.concurrent.CompletableFuture<String>();
        var socket = Http.client().newWebSocketBuilder()
                .buildAsync(java.net.URI.create("ws://localhost:" + port + "/gateway"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data,
                                                                          boolean last) {
                        received.complete(data.toString());
                        return null;
                    }
                }).get(5, java.util.concurrent.TimeUnit.SECONDS);

        socket.sendText("{\"op\":1}", true);

        assertThat(received.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("websocket:{\"op\":1}");
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye");
    }
}
