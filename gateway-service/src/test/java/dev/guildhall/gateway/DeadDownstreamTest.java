package dev.guildhall.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.guildhall.gateway.support.Http;
import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.TestInfrastructure;
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

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One service down (nothing listens on voice's port), everything else healthy, Redis up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class DeadDownstreamTest {

    private static final int DEAD_VOICE = FreePorts.find();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    Http http;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        Map<String, String> urls = GatewayIntegrationTest.urls();
        urls.put("voice", "http://127.0.0.1:" + DEAD_VOICE);
        GatewayIntegrationTest.wireServices(registry, urls);
        String redis = TestInfrastructure.get().redisUrl();
        registry.add("guildhall.redis.url", () -> redis);
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aServiceThatIsDownIsA503ProblemWithinTwoSecondsAndOpensItsBreaker() {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.post("/api/v1/channels/1/voice/join", GatewayIntegrationTest.token(), "{}");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            EdgeSecurityTest.assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            JsonNode body = Http.json(response);
            assertThat(body.get("detail").asString()).isEqualTo("Voice is temporarily unavailable");
            assertThat(body.get("route").asString()).isEqualTo("voice");
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            reasons.add(body.get("reason").asString());
        }
        assertThat(reasons).contains("circuit_open");
        assertThat(meters.find("guildhall.gateway.fallbacks").tag("route", "voice").counters()).isNotEmpty();
    }

    /**
     * A service that was down and is back (a restart) is served again within a few seconds, not after a long open
     * state: the breaker probes again after 2 s (ADR 273). Under the chaos run's rolling restart the gateway refused
     * sends for 10 s after message-service was healthy again.
     */
    @Test
    void aServiceThatComesBackIsServedAgainWithinSeconds() throws Exception {
        for (int i = 0; i < 12; i++) {
            http.post("/api/v1/channels/1/voice/join", GatewayIntegrationTest.token(), "{}");
        }
        HttpResponse<String> open = http.post("/api/v1/channels/1/voice/join", GatewayIntegrationTest.token(), "{}");
        assertThat(Http.json(open).get("reason").asString()).isEqualTo("circuit_open");

        HttpServer voice = HttpServer.create(new InetSocketAddress("127.0.0.1", DEAD_VOICE), 0);
        voice.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        voice.start();
        try {
            long back = System.nanoTime();
            int status = 0;
            // the 10 s open state of before let no probe through for up to 10 s after the last refusal
            while (status != 200 && System.nanoTime() - back < Duration.ofSeconds(8).toNanos()) {
                Thread.sleep(250);
                status = http.post("/api/v1/channels/1/voice/join", GatewayIntegrationTest.token(), "{}").statusCode();
            }
            assertThat(status).as("voice served again within 8 s of coming back").isEqualTo(200);
        } finally {
            voice.stop(0);
        }
    }

    @Test
    void theOtherServicesStillAnswerAndHealthSaysWhichIsDown() {
        assertThat(http.get("/api/v1/users/@me", GatewayIntegrationTest.token()).statusCode()).isEqualTo(200);

        HttpResponse<String> overall = http.get("/actuator/health", GatewayIntegrationTest.OPERATOR_TOKEN);
        assertThat(overall.statusCode()).isEqualTo(503);
        JsonNode downstreams = Http.json(overall).get("components").get("downstreams").get("components");
        assertThat(downstreams.get("voice").get("status").asString()).isEqualTo("DOWN");
        assertThat(downstreams.get("auth").get("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }
}
