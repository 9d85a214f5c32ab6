package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import dev.guildhall.infra.EmbeddedRedis;
import dev.guildhall.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis goes away while the gateway serves, and comes back (ADR 213): meanwhile every request is answered
 * within budget, unlimited (the rate limits fail open); afterwards Lettuce has reconnected by itself and the
 * limits apply again, without a restart. The outage lasts 30 s, as issue 13 asks (reconnect attempts never pause
 * longer than {@code reconnect-delay}, however long it lasts).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class RedisOutageTest {

    private static final Path DATA = tempDir();
    private static final int REDIS_PORT = FreePorts.find();
    private static EmbeddedRedis redis = EmbeddedRedis.start(DATA, REDIS_PORT);

    @LocalServerPort
    int port;

    Http http;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        GatewayIntegrationTest.wireServices(registry, GatewayIntegrationTest.urls());
        registry.add("guildhall.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
        // a decision on a loaded machine must not fail open while Redis is up; down, it fails at once anyway
        registry.add("guildhall.redis.command-timeout", () -> "1s");
        registry.add("guildhall.gateway.rate-limit.redis-timeout", () -> "1s");
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void requestsAreAnsweredDuringTheOutageAndLimitedAgainAfterIt() throws Exception {
        warmUp();
        String token = GatewayIntegrationTest.token();
        assertThat(limited(token)).isTrue();

        redis.close();
        long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int answered = 0;
        while (System.nanoTime() < outageEnds) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.get("/api/v1/users/@me", GatewayIntegrationTest.token());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            answered++;
            Thread.sleep(200);
        }
        assertThat(answered).isGreaterThan(30);

        redis = EmbeddedRedis.start(DATA, REDIS_PORT);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        boolean limitedAgain = false;
        while (!limitedAgain && System.nanoTime() < deadline) {
            Thread.sleep(250);
            limitedAgain = limited(GatewayIntegrationTest.token());
        }
        assertThat(limitedAgain).as("rate limits apply again after Redis is back").isTrue();
    }

    /**
     * The first requests after a start load and link most of the gateway's code and open its connections; on a
     * loaded shared machine one took longer than the route's time budget (503) — a cold start, not the outage under
     * test. Waits for the first 200, for at most 30 s.
     */
    private void warmUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get("/api/v1/users/@me", GatewayIntegrationTest.token()).statusCode() != 200
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Whether the gateway decided this request's limits (its headers are there). */
    private boolean limited(String token) {
        HttpResponse<String> response = http.get("/api/v1/users/@me", token);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("X-RateLimit-Limit").isPresent();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("gateway-redis-outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
