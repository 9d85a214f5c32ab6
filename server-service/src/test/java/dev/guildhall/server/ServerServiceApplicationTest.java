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

        // a route whose body is read after the access check (DeferredBody, ADR 250) is described like @RequestBody
        var patch = docs.json().path("paths").path("/api/v1/servers/{serverId}").path("patch");
        var schema = patch.path("requestBody").path("content").path("application/json").path("schema");
        assertThat(schema.isMissingNode()).as("PATCH /servers/{id} has a JSON body in the description").isFalse();
        String ref = schema.path("$ref").asString("");
        var described = ref.isEmpty() ? schema
                : docs.json().path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        assertThat(described.path("properties").has("server_name")).as(described.toString()).isTrue();
        assertThat(patch.path("parameters").findValuesAsString("name")).doesNotContain("request");
    }
}
