package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Aggregated health: UP only while every downstream service and Redis are. */
class HealthTest extends GatewayIntegrationTest {

    @Test
    void upWhenEveryServiceIsUp() {
        HttpResponse<String> response = http.get("/actuator/health", OPERATOR_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = Http.json(response);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode downstreams = health.get("components").get("downstreams");
        assertThat(downstreams.get("status").asString()).isEqualTo("UP");
        for (String service : SERVICES.keySet()) {
            assertThat(downstreams.get("components").get(service).get("status").asString()).as(service).isEqualTo("UP");
        }
        assertThat(health.get("components").get("redis").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusHasRouteTimingsAndTheGatewaysOwnCounters() {
        http.get("/api/v1/users/@me", token());

        HttpResponse<String> scrape = http.get("/actuator/prometheus", OPERATOR_TOKEN);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("spring_cloud_gateway_requests").contains("routeId=\"users\"");
        // histogram buckets, for the send target's p99 over the fleet (deploy/grafana/guildhall.json, ADR 220)
        assertThat(scrape.body()).containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*le=\"0\\.1\"");
        assertThat(scrape.body()).contains("resilience4j_circuitbreaker_state");
    }

    @Test
    void downWhenOneServiceReportsDownButLivenessStaysUp() {
        SERVICES.get("bot").healthy(false);
        try {
            HttpResponse<String> overall = http.get("/actuator/health", OPERATOR_TOKEN);
            HttpResponse<String> liveness = http.get("/actuator/health/liveness", null);
            HttpResponse<String> readiness = http.get("/actuator/health/readiness", null);

            assertThat(overall.statusCode()).isEqualTo(503);
            JsonNode downstreams = Http.json(overall).get("components").get("downstreams");
            assertThat(downstreams.get("status").asString()).isEqualTo("DOWN");
            assertThat(downstreams.get("components").get("bot").get("status").asString()).isEqualTo("DOWN");
            assertThat(downstreams.get("components").get("message").get("status").asString()).isEqualTo("UP");
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(readiness.statusCode()).isEqualTo(200);
        } finally {
            SERVICES.get("bot").healthy(true);
        }
    }
}
