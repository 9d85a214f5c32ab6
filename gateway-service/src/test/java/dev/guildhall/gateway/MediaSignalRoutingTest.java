package dev.guildhall.gateway;

import dev.guildhall.gateway.support.FirstFrames;
import dev.guildhall.gateway.support.Http;
import dev.guildhall.gateway.support.StandInService;
import dev.guildhall.infra.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /media/{node}/signal} reaches that media node's signalling socket, found by the node's own load
 * report in Redis, without a user token (the node checks the voice token inside the socket).
 */
class MediaSignalRoutingTest extends GatewayIntegrationTest {

    private static final StandInService NODE = StandInService.start("media");

    @AfterAll
    static void stop() {
        NODE.close();
    }

    @Test
    void aSignallingSocketIsProxiedToTheNodeNamedInThePath() throws Exception {
        report("media-t1", NODE.url());

        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = Http.client().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/media/media-t1/signal"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"op\":\"identify\"}", true).get(5, TimeUnit.SECONDS);

        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("media:{\"op\":\"identify\"}");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFrameSentStraightAfterTheHandshakeIsNeverLost() {
        report("media-t2", NODE.url());

        // through Spring Cloud Gateway's own WebSocket routing most of these were lost (ADR 102)
        assertThat(FirstFrames.lost("ws://127.0.0.1:" + port + "/media/media-t2/signal", "media", 300))
                .as("sockets of 300 whose first frame got no echo").isEmpty();
    }

    @Test
    void theNodesCloseCodeReachesTheClient() throws Exception {
        report("media-t3", NODE.url());
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = Http.client().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/media/media-t3/signal"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("close:4003", true);

        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(4003);
    }

    @Test
    void aPlainRequestIsA400Problem() {
        report("media-t4", NODE.url());
        HttpResponse<String> response = http.get("/media/media-t4/signal", null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).path("code").asString()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void anUnknownNodeIsA404Problem() {
        HttpResponse<String> response = http.get("/media/no-such-node/signal", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(Http.json(response).path("code").asString()).isEqualTo("NOT_FOUND");
    }

    private static void report(String nodeId, String controlUrl) {
        RedisClient client = RedisClient.create(TestInfrastructure.get().redisUrl());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            // a node refreshes its entry every few seconds; the test reports once, for longer than a slow run takes
            redis.sync().setex("media:node:" + nodeId, 600,
                    "{\"node_id\":\"" + nodeId + "\",\"control_url\":\"" + controlUrl + "\"}");
        } finally {
            client.shutdown();
        }
    }
}
