package dev.guildhall.support.security;

import dev.guildhall.common.internal.InternalApi;

import com.sun.net.httpserver.HttpServer;
import dev.guildhall.common.security.BotTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's own check of {@code Authorization: Bot} (ADR 152), over real HTTP: a tiny service with
 * service-support's auto-configuration, in front of a stand-in for bot-service's verify endpoint.
 */
@SpringBootTest(classes = BotTokenSecurityTest.TinyService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"guildhall.internal-token=s3cret", "guildhall.security.allow-insecure-secrets=true", "guildhall.security.jwk-set-uri=http://127.0.0.1:9/unused",
                "guildhall.security.issuer=http://issuer.test", "guildhall.security.audience=guildhall-api"})
class BotTokenSecurityTest {

    static final Map<String, String> VALID = new ConcurrentHashMap<>();
    static final AtomicBoolean FAILING = new AtomicBoolean();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final HttpServer BOT_SERVICE = botService();

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void botServiceUrl(DynamicPropertyRegistry registry) {
        registry.add("guildhall.bot-tokens.url", () -> "http://127.0.0.1:" + BOT_SERVICE.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        BOT_SERVICE.stop(0);
    }

    @Test
    void aVerifiedBotIsTheCallerAndKnowsItIsABot() throws Exception {
        String token = BotTokens.format(42, "secret-of-forty-two".getBytes(StandardCharsets.US_ASCII));
        VALID.put(token, "42");
        HttpResponse<String> res = asBot("/me", token);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("42 bot");
    }

    @Test
    void aWrongTokenIs401AndIsRememberedBriefly() throws Exception {
        String wrong = BotTokens.format(43, "not-the-secret".getBytes(StandardCharsets.US_ASCII));
        int before = CALLS.get();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> res = asBot("/me", wrong);
            assertThat(res.statusCode()).isEqualTo(401);
            assertThat(res.body()).contains("\"code\":\"INVALID_TOKEN\"");
        }
        assertThat(CALLS.get() - before).as("bot-service asked once").isEqualTo(1);

        HttpResponse<String> malformed = asBot("/me", "garbage");
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(CALLS.get() - before).as("a malformed token is refused without asking").isEqualTo(1);
    }

    @Test
    void botServiceDownIs503NotA401() throws Exception {
        String token = BotTokens.format(44, "secret-of-forty-four".getBytes(StandardCharsets.US_ASCII));
        VALID.put(token, "44");
        FAILING.set(true);
        try {
            HttpResponse<String> res = asBot("/me", token);
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
            assertThat(res.headers().firstValue("Retry-After")).isPresent();
        } finally {
            FAILING.set(false);
        }
        assertThat(asBot("/me", token).statusCode()).as("a failure is not remembered").isEqualTo(200);
    }

    /** The keys' address here refuses connections: a well-formed access token cannot be checked, which is a 503. */
    @Test
    void unreachableSigningKeysAre503NotA500() throws Exception {
        com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("k1").generate();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID("k1").build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("http://issuer.test").audience("guildhall-api")
                        .subject("42").claim("token_use", "access")
                        .expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000)).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/me"))
                .header("Authorization", "Bearer " + jwt.serialize()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(res.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
        assertThat(res.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/me"))
                .header("Authorization", "Bearer not.a.jwt").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a malformed token stays the caller's 401").isEqualTo(401);
    }

    /**
     * On the paths of the service's {@link ErrorDialect} (bot-service's Discord surface) the security chain's refusals
     * are in that dialect (ADR 275): a wrong, missing or uncheckable token; other paths keep problem+json.
     */
    @Test
    void refusalsOnADialectsPathsAreInThatDialect() throws Exception {
        String wrong = BotTokens.format(45, "not-the-secret".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> wrongToken = asBot("/dialect/me", wrong);
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(wrongToken.body()).isEqualTo("{\"dialect\":401,\"reason\":\"INVALID_TOKEN\"}");

        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/dialect/me")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).isEqualTo("{\"dialect\":401,\"reason\":\"UNAUTHORIZED\"}");

        HttpResponse<String> badBearer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/dialect/me")).header("Authorization", "Bearer not.a.jwt").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badBearer.statusCode()).isEqualTo(401);
        assertThat(badBearer.body()).isEqualTo("{\"dialect\":401,\"reason\":\"INVALID_TOKEN\"}");

        String token = BotTokens.format(46, "secret-of-forty-six".getBytes(StandardCharsets.US_ASCII));
        VALID.put(token, "46");
        FAILING.set(true);
        try {
            HttpResponse<String> unavailable = asBot("/dialect/me", token);
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.body()).isEqualTo("{\"dialect\":503,\"reason\":\"SERVICE_UNAVAILABLE\"}");
            assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
        } finally {
            FAILING.set(false);
        }
        assertThat(asBot("/dialect/me", token).body()).isEqualTo("46 bot");
        assertThat(asBot("/me", wrong).body()).contains("\"code\":\"INVALID_TOKEN\"");
    }

    private HttpResponse<String> asBot(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bot " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer botService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(BotTokens.VERIFY_PATH, exchange -> {
                CALLS.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean internal = "s3cret".equals(exchange.getRequestHeaders().getFirst(InternalApi.TOKEN_HEADER));
                String token = body.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                String userId = VALID.get(token);
                if (FAILING.get() || !internal) {
                    respond(exchange, 500, "{}");
                } else if (userId == null) {
                    respond(exchange, 404, "{\"code\":\"NOT_FOUND\"}");
                } else {
                    respond(exchange, 200, "{\"user_id\":\"" + userId + "\",\"application_id\":\"7\",\"flags\":0}");
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TinyService.Endpoints.class)
    static class TinyService {

        @RestController
        static class Endpoints {

            @GetMapping({"/me", "/dialect/me"})
            String me(Caller caller) {
                return caller.userId() + (caller.bot() ? " bot" : " person");
            }
        }

        /** A dialect of its own on {@code /dialect/**}, as bot-service's Discord surface has. */
        @org.springframework.context.annotation.Bean
        dev.guildhall.support.web.ErrorDialect dialect() {
            return new dev.guildhall.support.web.ErrorDialect() {
                @Override
                public boolean speaks(String requestUri) {
                    return requestUri.startsWith("/dialect/");
                }

                @Override
                public String body(int status, dev.guildhall.common.error.ErrorCode code) {
                    return "{\"dialect\":" + status + ",\"reason\":\"" + code.name() + "\"}";
                }
            };
        }
    }
}
