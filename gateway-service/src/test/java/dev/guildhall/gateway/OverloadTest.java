package dev.guildhall.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.guildhall.gateway.support.Http;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Busy is not broken (issues 12 and 13, ADRs 264–266): a healthy service that is slow because it is busy gets
 * 429 {@code OVERLOADED} with {@code Retry-After} for what it cannot take, and its route's breaker stays closed;
 * a service that hangs still opens it (one that refuses connections or answers 500: {@code DeadDownstreamTest},
 * {@code BackPressureTest}); and a client that gives up mid-request is neither a 500 nor an error log.
 * Production limits and time budgets (2 s), so the breaker sees what it would see in the fleet.
 */
class OverloadTest extends GatewayIntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @DynamicPropertySource
    static void ownContext(DynamicPropertyRegistry registry) {
        // its own application context: the breakers and limits start fresh
        registry.add("guildhall.gateway.concurrency.retry-after", () -> "1s");
    }

    /**
     * The first requests of a fresh context load and link the proxy path and open the connections to the service; a
     * burst of 40 into that cold path can outlast the 2 s budget with nothing answered yet (a cold start, not the
     * overload under test), which counts as failures and opens the breaker. A few calls first, not busy.
     */
    @BeforeEach
    void warmUp() {
        SERVICES.get("message").busy(0, Duration.ZERO);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(Http.client().sendAsync(Http.authorized(http.request("/api/v1/channels/" + (9000 + i)
                            + "/messages"), token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"warm\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        calls.forEach(CompletableFuture::join);
    }

    @AfterEach
    void notBusy() {
        SERVICES.get("message").busy(0, Duration.ZERO);
        rootLogger().detachAppender(logs);
    }

    @Test
    void aBusyServiceIsAnswered429WithRetryAfterAndItsBreakerStaysClosed() {
        // two workers, 200 ms a send: 10 sends/s; 40 at once is 4 s of work for a 2 s budget
        SERVICES.get("message").busy(2, Duration.ofMillis(200));

        List<HttpResponse<String>> answers = sendAtOnce(40, "/api/v1/channels/%d/messages", 3000);
        long start = System.nanoTime();
        HttpResponse<String> otherService = http.get("/api/v1/users/@me", token());
        Duration otherTook = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 429).contains(200);
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(refused).isNotEmpty().allSatisfy(response -> {
            EdgeSecurityTest.assertProblem(response, 429, "OVERLOADED");
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
            assertThat(Http.json(response).get("retry_after").asDouble()).isEqualTo(1.0);
            assertThat(Http.json(response).get("global").asBoolean()).isFalse();
        });
        CircuitBreaker messages = breakers.circuitBreaker("messages");
        assertThat(messages.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(messages.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(otherService.statusCode()).isEqualTo(200);
        assertThat(otherTook).isLessThan(Duration.ofSeconds(1));

        // no longer busy: the service's sends go through again (what was refused is not lost: it was never taken)
        SERVICES.get("message").busy(0, Duration.ZERO);
        assertThat(http.post("/api/v1/channels/1/messages", token(), "{\"content\":\"after\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void onceItsLatencyShowsAQueueABusyServiceIsRefusedAtOnce() {
        SERVICES.get("message").busy(2, Duration.ofMillis(200));
        sendAtOnce(40, "/api/v1/channels/%d/messages", 4000);

        // the slow answers lowered the service's limit: most of the next burst is refused before it can queue
        double limit = meters.get("guildhall.gateway.concurrency.limit").tag("service", "message").gauge().value();
        List<HttpResponse<String>> answers = sendAtOnce(40, "/api/v1/channels/%d/messages", 5000);

        assertThat(limit).isLessThan(40);
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 429).contains(200);
        assertThat(answers).filteredOn(r -> r.statusCode() == 429)
                .extracting(r -> Http.json(r).get("limit").asString()).contains("service");
        assertThat(breakers.circuitBreaker("messages").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aServiceThatHangsIsStillAFailureAndOpensItsBreaker() {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(Http.client().sendAsync(Http.authorized(http.request("/api/v1/servers/" + i + "/hang"), token())
                    .GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(response -> {
            EdgeSecurityTest.assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            assertThat(Http.json(response).get("reason").asString()).isEqualTo("timeout");
        });
        assertThat(breakers.circuitBreaker("servers").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void aClientThatGivesUpIsNeitherA500NorAnErrorLog() throws Exception {
        captureLogs();
        String token = token();
        // mid-body: the headers promise 4000 bytes, 20 come, then the connection is reset
        giveUp(token, "/api/v1/channels/5/messages", 4000, "{\"content\":\"half a m", Duration.ofMillis(300));
        // the whole body sent, the answer not awaited (a slow downstream)
        String body = "{\"content\":\"never mind\"}";
        giveUp(token, "/api/v1/channels/6/messages?slow-1500", body.length(), body, Duration.ofMillis(500));
        // under overload: queued behind a busy service, then given up
        SERVICES.get("message").busy(1, Duration.ofMillis(400));
        List<CompletableFuture<HttpResponse<String>>> load = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            load.add(Http.client().sendAsync(Http.authorized(http.request("/api/v1/channels/" + (300 + i)
                    + "/messages"), token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 4; i++) {
            giveUp(token(), "/api/v1/channels/" + (310 + i) + "/messages", body.length(), body, Duration.ofMillis(200));
            giveUp(token(), "/api/v1/channels/" + (320 + i) + "/messages", 4000, "{\"content\":\"x", Duration.ofMillis(50));
        }
        load.forEach(CompletableFuture::join);
        Thread.sleep(2500);

        assertThat(load).extracting(f -> f.join().statusCode()).isSubsetOf(200, 429);
        // (Reactor Netty's client still warns, without a stack, that the send to the service was cut short)
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(breakers.circuitBreaker("messages").getMetrics().getNumberOfFailedCalls()).isZero();
        SERVICES.get("message").busy(0, Duration.ZERO);
        assertThat(http.post("/api/v1/channels/5/messages", token, body).statusCode()).isEqualTo(200);
    }

    /** {@code count} sends at once, each from its own user to its own channel; their answers. */
    private List<HttpResponse<String>> sendAtOnce(int count, String pathFormat, int firstChannel) {
        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = Http.authorized(http.request(pathFormat.formatted(firstChannel + i)), token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"busy\"}")).build();
            sends.add(Http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return sends.stream().map(CompletableFuture::join).toList();
    }

    /** A POST whose client sends {@code sent} of a {@code length}-byte body, waits, then resets the connection. */
    private void giveUp(String token, String path, int length, String sent, Duration wait) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n" + sent)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(wait.toMillis());
            socket.setSoLinger(true, 0);
        }
    }

    private void captureLogs() {
        logs.start();
        rootLogger().addAppender(logs);
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
