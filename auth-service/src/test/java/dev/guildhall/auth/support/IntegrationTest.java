package dev.guildhall.auth.support;

import dev.guildhall.support.testing.FakeMediaService;
import dev.guildhall.infra.TestInfrastructure;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: the whole service on a random port against real MariaDB, Redis
 * and Kafka from embedded-infra, spoken to over HTTP like any client. One Spring context for all
 * subclasses (same configuration), so the service starts once per run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
public abstract class IntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String PASSWORD = "a sturdy passphrase 42";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        registry.add("spring.datasource.url", () -> infra.jdbcUrl("guildhall_global"));
        registry.add("spring.datasource.username", infra::dbUsername);
        registry.add("spring.datasource.password", infra::dbPassword);
        registry.add("guildhall.redis.url", infra::redisUrl);
        // the throttle's arithmetic is under test, not a loaded machine's Redis latency (production: 500 ms)
        registry.add("guildhall.redis.command-timeout", () -> "3s");
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrap);
        registry.add("guildhall.auth.issuer", () -> "http://auth.test");
        registry.add("guildhall.internal-token", () -> FakeMediaService.INTERNAL_TOKEN);
        registry.add("guildhall.images.url", () -> FakeMediaService.get().baseUrl());
        // secrets at rest sealed with AES-GCM, as in production
        registry.add("guildhall.auth.secret-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }

    /** A response, its body parsed when it is JSON. */
    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }

        public Reply expect(int expected) {
            assertThat(status).as("status of a reply with body %s", body).isEqualTo(expected);
            return this;
        }
    }

    protected Reply call(String method, String path, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(20));
            if (body != null) {
                request.header("Content-Type", "application/json");
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                request.method(method, HttpRequest.BodyPublishers.ofString(text));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Reply post(String path, Object body, String... headers) {
        return call("POST", path, body, headers);
    }

    protected Reply get(String path, String... headers) {
        return call("GET", path, null, headers);
    }

    protected static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }

    /** A fresh, valid username (tests share one database). */
    protected static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A client address of its own, so tests do not share the per-IP login budget. */
    protected static String randomIp() {
        return "2001:db8::" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff));
    }

    protected Reply register(String username, String email, String password) {
        return post("/api/v1/auth/register", Map.of("username", username, "email", email, "password", password));
    }

    /** Registers a new account with {@link #PASSWORD}; returns its user object. */
    protected JsonNode newUser(String prefix) {
        String name = uniqueName(prefix);
        return register(name, name + "@example.com", PASSWORD).expect(201).json();
    }

    protected Reply login(String login, String password) {
        return post("/api/v1/auth/login", Map.of("login", login, "password", password), "X-Forwarded-For", randomIp());
    }

    /** Logs in and returns the token reply (asserting 200 and no second factor). */
    protected JsonNode tokens(String login) {
        JsonNode reply = login(login, PASSWORD).expect(200).json();
        assertThat(reply.has("access_token")).as("login reply %s", reply).isTrue();
        return reply;
    }
}
