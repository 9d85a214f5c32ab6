package dev.guildhall.gateway;

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

import java.net.http.HttpResponse;
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
