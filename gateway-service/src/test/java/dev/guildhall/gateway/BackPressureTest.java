package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overload is back-pressure, not failure (ADRs 211, 212): the breakers count only the downstream's own
 * failures, and the bulkheads answer excess requests with 429 and {@code Retry-After} at once. The
 * {@code messages} route here may have 4 requests in flight, its service 6.
 */
class BackPressureTest extends GatewayIntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("guildhall.gateway.concurrency.routes.messages", () -> "4");
        registry.add("guildhall.gateway.concurrency.services.message", () -> "6");
        // slow answers (3 s) that stay within the time limit, so that requests overlap even on a loaded machine
        registry.add("GUILDHALL_GATEWAY_TIMEOUT", () -> "8s");
    }

    @Test
    void clientErrorsAndBusyAnswersNeverOpenTheBreaker() {
        List<Integer> statuses = new ArrayList<>();
        for (String answer : List.of("status-400", "status-404", "status-429", "status-503-busy")) {
            for (int i = 0; i < 8; i++) {
                statuses.add(http.get("/api/v1/channels/1/messages/" + answer, token()).statusCode());
            }
        }
        HttpResponse<String> send = http.post("/api/v1/channels/1/messages", token(), "{\"content\":\"hi\"}");

        assertThat(statuses).containsOnly(400, 404, 429, 503).hasSize(32);
        CircuitBreaker messages = breakers.circuitBreaker("messages");
        assertThat(messages.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(messages.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(send.statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceThatAnswers500IsFailingAndItsBreakerOpens() {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = http.get("/api/v1/servers/1/status-500", token());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            reasons.add(Http.json(response).get("reason").asString());
        }

        assertThat(reasons).startsWith("server_error").contains("circuit_open");
        assertThat(breakers.circuitBreaker("servers").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void threeTimesTheLimitIsAnswered429WithRetryAfterAndOtherRoutesAreUnaffected() {
        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            HttpRequest request = Http.authorized(http.request("/api/v1/channels/" + (100 + i) + "/messages?slow-3000"),
                    token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"busy\"}")).build();
            sends.add(Http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        sleep(Duration.ofMillis(1000));
        long start = System.nanoTime();
        HttpResponse<String> otherRoute = http.get("/api/v1/users/@me", token());
        Duration otherTook = Duration.ofNanos(System.nanoTime() - start);

        List<HttpResponse<String>> answers = sends.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 429);
        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(4);
        assertThat(refused).hasSize(8).allSatisfy(response -> {
            EdgeSecurityTest.assertProblem(response, 429, "OVERLOADED");
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
            JsonNode body = Http.json(response);
            assertThat(body.get("route").asString()).isEqualTo("messages");
            assertThat(body.get("retry_after").asDouble()).isEqualTo(1.0);
        });
        assertThat(otherRoute.statusCode()).isEqualTo(200);
        assertThat(otherTook).isLessThan(Duration.ofSeconds(1));
        assertThat(breakers.circuitBreaker("messages").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        // the permits came back: the next send goes through
        assertThat(http.post("/api/v1/channels/1/messages", token(), "{\"content\":\"after\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theServiceLimitCoversAllOfItsRoutes() {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(Http.client().sendAsync(Http.authorized(http.request("/api/v1/channels/" + (200 + i)
                    + "/messages?slow-3000"), token()).GET().build(), HttpResponse.BodyHandlers.ofString()));
            calls.add(Http.client().sendAsync(Http.authorized(http.request("/api/v1/users/@me/channels?slow-3000"),
                    token()).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 429);
        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(6);
        assertThat(answers.stream().filter(r -> r.statusCode() == 429))
                .allSatisfy(r -> assertThat(Http.json(r).get("limit").asString()).isIn("route", "service"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
