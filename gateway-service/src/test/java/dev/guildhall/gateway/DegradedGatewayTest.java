package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import dev.guildhall.gateway.support.StandInService;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway on a bad day: voice-service is not listening, Redis is gone, no web client was built,
 * and no proxy is trusted. It must keep answering, quickly and truthfully. (It also runs two
 * websocket-service instances, as {@code GUILDHALL_WEBSOCKET_URLS} would.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class DegradedGatewayTest {

    /** A second websocket-service instance, next to the shared stand-in. */
    private static final StandInService SECOND_WEBSOCKET = StandInService.start("websocket-b");
    private static final Socket DEAD_VOICE_PORT = reservedPort();
    private static final Socket DEAD_REDIS_PORT = reservedPort();
    private static final int DEAD_VOICE = DEAD_VOICE_PORT.getLocalPort();
    private static final int DEAD_REDIS = DEAD_REDIS_PORT.getLocalPort();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    Http http;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        Map<String, String> urls = GatewayIntegrationTest.urls();
        urls.put("voice", "http://127.0.0.1:" + DEAD_VOICE);
        urls.put("websocket", urls.get("websocket") + "," + SECOND_WEBSOCKET.url());
        GatewayIntegrationTest.wireServices(registry, urls);
        registry.add("guildhall.redis.url", () -> "redis://127.0.0.1:" + DEAD_REDIS);
        registry.add("guildhall.gateway.web.root", () -> "/nonexistent/guildhall-web");
    }

    private static boolean warm;

    @BeforeEach
    void client() {
        http = new Http(port);
        if (!warm) {
            // the first requests after a start load and link most of the gateway's code, which on a loaded shared
            // machine took longer than this test's budgets (15 s once); the budgets are for a gateway that runs
            warm = true;
            for (int i = 0; i < 3; i++) {
                warmUp(() -> http.get("/actuator/health", GatewayIntegrationTest.OPERATOR_TOKEN));
                warmUp(() -> http.post("/api/v1/channels/8/messages", GatewayIntegrationTest.token(), "{}"));
            }
        }
    }

    private static void warmUp(Runnable request) {
        try {
            request.run();
        } catch (RuntimeException slow) {
            // a cold start; the tests measure afterwards
        }
    }

    @Test
    void aDownstreamThatIsNotListeningIsA503Fast() {
        long start = System.nanoTime();
        HttpResponse<String> response = http.post("/api/v1/channels/1/voice/join", GatewayIntegrationTest.token(), "{}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        EdgeSecurityTest.assertProblem(response, 503, "SERVICE_UNAVAILABLE");
        JsonNode body = Http.json(response);
        assertThat(body.get("detail").asString()).isEqualTo("Voice is temporarily unavailable");
        assertThat(body.get("route").asString()).isEqualTo("voice");
        assertThat(body.get("reason").asString()).isIn("unreachable", "circuit_open");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void repeatedFailuresOpenTheBreaker() {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> response = http.get("/api/v1/channels/1/voice/states", GatewayIntegrationTest.token());
            assertThat(response.statusCode()).isEqualTo(503);
            reasons.add(Http.json(response).get("reason").asString());
        }

        assertThat(reasons).contains("circuit_open");
        assertThat(meters.find("guildhall.gateway.fallbacks").tag("route", "voice").counters()).isNotEmpty();
    }

    @Test
    void healthIsDownAndSaysWhyButLivenessIsUp() {
        HttpResponse<String> overall = healthOnce("auth");
        HttpResponse<String> liveness = http.get("/actuator/health/liveness", null);

        assertThat(overall.statusCode()).isEqualTo(503);
        JsonNode components = Http.json(overall).get("components");
        assertThat(components.get("downstreams").get("components").get("voice").get("status").asString()).isEqualTo("DOWN");
        assertThat(components.get("downstreams").get("components").get("auth").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("redis").get("status").asString()).isEqualTo("DOWN");
        assertThat(liveness.statusCode()).isEqualTo(200);
    }

    @Test
    void withoutRedisRequestsGoThroughUnlimited() {
        String token = GatewayIntegrationTest.token();
        double before = failedOpen();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            HttpResponse<String> response = http.post("/api/v1/channels/9/messages", token, "{\"content\":\"hi\"}");
            statuses.add(response.statusCode());
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        }

        assertThat(statuses).containsOnly(200);
        assertThat(failedOpen()).isGreaterThanOrEqualTo(before + 7);
    }

    @Test
    void withoutABuiltClientTheBuiltInPageIsServed() {
        HttpResponse<String> root = http.send(http.request("/").header("Accept", "text/html"));
        HttpResponse<String> clientRoute = http.send(http.request("/channels/1/2").header("Accept", "text/html"));

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("Guildhall is running").contains("/api/v1");
        assertThat(clientRoute.statusCode()).isEqualTo(200);
        assertThat(clientRoute.body()).contains("Guildhall is running");
    }

    @Test
    void forwardedHeadersFromAnUntrustedClientAreDiscarded() {
        HttpResponse<String> response = http.send(Http.authorized(http.request("/api/v1/users/@me"),
                        GatewayIntegrationTest.token())
                .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-Host", "evil.example"));

        JsonNode headers = Http.json(response).get("headers");
        assertThat(headers.get("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-forwarded-host").asString()).startsWith("localhost:");
    }

    @Test
    void webSocketsAreSpreadOverEveryInstance() throws Exception {
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket socket = Http.client().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/gateway"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            socket.sendText("hello", true);
            answeredBy.add(reply.get(5, TimeUnit.SECONDS).split(":")[0]);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }

        assertThat(answeredBy).containsExactlyInAnyOrder("websocket", "websocket-b");
        JsonNode downstreams = Http.json(healthOnce("websocket-1", "websocket-2")).get("components").get("downstreams");
        assertThat(downstreams.get("components").get("websocket-1").get("status").asString()).isEqualTo("UP");
        assertThat(downstreams.get("components").get("websocket-2").get("status").asString()).isEqualTo("UP");
    }

    /**
     * The overall health, once the named healthy downstreams answered it within their 1 s: the first check after
     * the gateway starts opens its health client's connections, which on a loaded machine can take longer than
     * that (a cold start, not the defect under test). Gives up after 20 s and returns the last answer.
     */
    private HttpResponse<String> healthOnce(String... healthy) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> overall = http.get("/actuator/health", GatewayIntegrationTest.OPERATOR_TOKEN);
            JsonNode downstreams = Http.json(overall).path("components").path("downstreams").path("components");
            boolean settled = true;
            for (String name : healthy) {
                settled &= "UP".equals(downstreams.path(name).path("status").asString());
            }
            if (settled || System.nanoTime() > deadline) {
                return overall;
            }
        }
    }

    private double failedOpen() {
        var counter = meters.find("guildhall.gateway.ratelimit.unavailable").counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * A port nothing listens on and nothing else can take for the whole run: bound, never listening, so a
     * connection to it is refused at once. (A port that is only free when chosen can be taken by any server
     * started afterwards on this machine, which would then accept and never answer, or answer wrongly.)
     */
    private static Socket reservedPort() {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
