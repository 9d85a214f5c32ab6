package dev.guildhall.auth;

import dev.guildhall.auth.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthServiceApplicationTest extends IntegrationTest {

    @Test
    void reportsHealthy() {
        Reply health = get("/actuator/health").expect(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        get("/actuator/health/readiness").expect(200);
    }

    @Test
    void servesItsOpenApiDescription() {
        Reply docs = get("/v3/api-docs").expect(200);
        assertThat(docs.body()).contains("/api/v1/auth/login", "/api/v1/users/@me");
    }

    @Test
    void exposesItsMetrics() {
        assertThat(get("/actuator/prometheus").expect(200).body()).contains("guildhall_auth_logins_total");
    }
}
