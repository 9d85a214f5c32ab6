package dev.guildhall.message;

import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.support.testing.HostileRequests;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

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

    @Autowired
    MeterRegistry registry;

    @Test
    void publishesOpenApiAndDomainMetrics() {
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/channels/{channelId}/messages")).isTrue();
        // issue 14, finding 4: public operations only, based at the gateway rather than this service's address
        assertThat(docs.body().path("paths").propertyNames()).allSatisfy(p -> assertThat(p).startsWith("/api/v1/"));
        assertThat(docs.body().path("servers").get(0).path("url").asString()).isEqualTo("/");
        assertThat(registry.find("guildhall.outbox.delivery").timer()).isNotNull();
        assertThat(registry.find("guildhall.outbox.backlog").tag("shard", "shard-0").gauge()).isNotNull();
        assertThat(registry.find("guildhall.messages.sent").counters()).isNotEmpty();
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
    void unknownPathsAnswerAProblemWithACode() {
        String token = stub.token(stub.newId());
        for (String path : new String[] {"/api/v1/nothing-here", "/nope"}) {
            var reply = api.get(path, token);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(reply.code()).as(path).isEqualTo("NOT_FOUND");
        }
    }

    /** Issue 14, finding 2: search, history and the send path answer malformed input with a 4xx problem. */
    @Test
    void malformedRequestsAreProblemsWithCodes() {
        String bearer = "Bearer " + stub.token(stub.newId());
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/api/v1/servers/1/messages/search",
                "/api/v1/channels/1/messages", bearer));
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/api/v1/channels/1/messages",
                "/api/v1/channels/1/messages/1/ack", bearer));
    }

    /** Issue 14, finding 6: a number or a boolean is not message content. */
    @Test
    void contentOfTheWrongJsonTypeIsRefused() {
        // a member of a real channel: the body is read only after the access check (ADR 250)
        dev.guildhall.message.support.FakeServer server = stub.server();
        String token = stub.token(server.owner());
        for (String body : new String[] {"{\"content\": 123}", "{\"content\": true}", "{\"content\": \"hi\", \"nonce\": 5}"}) {
            var reply = api.post("/api/v1/channels/" + server.channel() + "/messages", token, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.code()).as(body).isEqualTo("MALFORMED_JSON");
        }
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
