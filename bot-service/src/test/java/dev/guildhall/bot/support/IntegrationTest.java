package dev.guildhall.bot.support;

import dev.guildhall.infra.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** bot-service on the real embedded MariaDB, with the real auth-service beside it ({@link RealAuthService}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
        registry.add("guildhall.bot.auth-url", RealAuthService::url);
        registry.add("guildhall.security.jwk-set-uri", () -> RealAuthService.url() + "/.well-known/jwks.json");
        registry.add("guildhall.security.issuer", () -> RealAuthService.ISSUER);
        registry.add("guildhall.internal-token", () -> RealAuthService.INTERNAL_TOKEN);
        registry.add("guildhall.redis.url", infra::redisUrl);
        registry.add("guildhall.redis.command-timeout", () -> "3s");
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrap);
        registry.add("guildhall.auto-responses.server-url", () -> StandInServices.get().url());
        registry.add("guildhall.auto-responses.message-url", () -> StandInServices.get().url());
    }

    public record Reply(int status, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString();
        }

        public Reply expect(int expected) {
            assertThat(status).as("status of a reply with body %s", body).isEqualTo(expected);
            return this;
        }
    }

    protected static Reply call(String baseUrl, String method, String path, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call to bot-service. */
    protected Reply bot(String method, String path, Object body, String... headers) {
        return call("http://localhost:" + port, method, path, body, headers);
    }

    /** A call to auth-service. */
    protected static Reply auth(String method, String path, Object body, String... headers) {
        return call(RealAuthService.url(), method, path, body, headers);
    }

    /** Registers a person with auth-service and answers {@code Bearer <access token>}. */
    protected static String newPerson(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        auth("POST", "/api/v1/auth/register", Map.of("username", name, "email", name + "@example.com",
                "password", PASSWORD)).expect(201);
        JsonNode tokens = auth("POST", "/api/v1/auth/login", Map.of("login", name, "password", PASSWORD),
                "X-Forwarded-For", "2001:db8::" + Integer.toHexString(name.hashCode() & 0xffff)).expect(200).json();
        return "Bearer " + tokens.get("access_token").asString();
    }

    /** The user id of a person signed in with {@link #newPerson}. */
    protected static long userId(String bearer) {
        return Long.parseLong(auth("GET", "/api/v1/users/@me", null, "Authorization", bearer).expect(200).json()
                .get("user_id").asString());
    }

    protected static String[] internal() {
        return new String[] {"X-Guildhall-Internal-Token", RealAuthService.INTERNAL_TOKEN};
    }
}
