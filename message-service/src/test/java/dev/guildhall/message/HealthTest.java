package dev.guildhall.message;

import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest extends IntegrationTest {

    @Test
    void reportsHealthyWithEveryDatabase() {
        var health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.body().path("components").path("databases").path("details").path("shard-1").asString())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void publishesPrometheusMetricsAndOpenApi() {
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
    }

    @Test
    void refusesMissingAndForgedTokensWithProblemJson() {
        var none = api.get("/api/v1/channels/1/messages", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(none.code()).isEqualTo("UNAUTHORIZED");
        var forged = api.get("/api/v1/channels/1/messages", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void internalEndpointsNeedTheInternalToken() {
        var refused = api.get("/internal/read-states?user_id=1", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("UNAUTHORIZED");
        var allowed = api.send("GET", "/internal/read-states?user_id=1", null, null,
                java.util.Map.of("X-Guildhall-Internal-Token", dev.guildhall.message.support.StubServices.INTERNAL_TOKEN));
        assertThat(allowed.status()).isEqualTo(200);
    }
}
