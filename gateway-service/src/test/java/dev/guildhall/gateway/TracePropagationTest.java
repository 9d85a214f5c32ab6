package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * W3C trace context crosses the gateway (ADR 172): a client's {@code traceparent} reaches the owning
 * service with the same trace id (the gateway's own span as parent); a request without one starts a
 * trace there, so every call behind the gateway has a trace id to follow. Spring Cloud Gateway's
 * observability filter does the forwarding; it needs Boot's propagation, which Boot 4 configures only
 * while tracing export is enabled (it was off, and nothing was propagated).
 */
class TracePropagationTest extends GatewayIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @Test
    void aClientsTraceparentReachesTheServiceWithTheSameTraceId() {
        HttpResponse<String> response = http.send(Http.authorized(http.request("/api/v1/channels/77/messages"), token())
                .header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String forwarded = Http.json(response).get("headers").path("traceparent").asString();
        assertThat(forwarded).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(forwarded).as("the gateway's own span is the parent, not the client's passed on")
                .doesNotContain(CLIENT_SPAN);
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceAtTheGateway() {
        HttpResponse<String> response = http.get("/api/v1/users/@me", token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("headers").path("traceparent").asString())
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }
}
