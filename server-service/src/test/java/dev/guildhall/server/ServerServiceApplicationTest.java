package dev.guildhall.server;

import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerServiceApplicationTest extends IntegrationTest {

    @Test
    void reportsHealthyWithEveryDatabase() {
        Api.Response health = api().get(null, "/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(health.json().path("components").path("databases").path("details").path("shard-1").asString())
                .isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        Api.Response metrics = api().get(null, "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("guildhall_server_outbox_pending");
    }

    @Test
    void servesOpenApi() {
        Api.Response docs = api().get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/servers/{serverId}/channels");
    }
}
