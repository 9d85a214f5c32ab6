package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Fleet;
import dev.guildhall.gateway.support.Http;
import dev.guildhall.gateway.support.StandInService;
import dev.guildhall.gateway.support.TestTokens;
import dev.guildhall.gateway.support.TestWebRoot;
import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway as it runs, on a random port, in front of stand-ins for every downstream service
 * (auth's serves the JWKS of {@link TestTokens}), with a real Redis for the rate limits, a built
 * web client in a temporary directory, and one trusted proxy hop (as behind an ingress). Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
public abstract class GatewayIntegrationTest {

    protected static final TestTokens TOKENS = Fleet.TOKENS;
    /** The operator credential (health details, metrics at the edge; ADR 145). */
    public static final String OPERATOR_TOKEN = "test-operator-token-5b1f0e9c2d7a4468";
    protected static final Map<String, StandInService> SERVICES = Fleet.SERVICES;
    protected static final Path WEB_ROOT = TestWebRoot.create();
    private static final AtomicLong USER_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    @LocalServerPort
    protected int port;

    protected Http http;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        wireServices(registry, urls());
        String redis = TestInfrastructure.get().redisUrl();
        registry.add("guildhall.redis.url", () -> redis);
        // limits must be decided, not skipped, even on a loaded machine (failing open is
        // DegradedGatewayTest's subject)
        registry.add("guildhall.gateway.rate-limit.redis-timeout", () -> "3s");
        registry.add("guildhall.redis.command-timeout", () -> "3s");
        registry.add("guildhall.gateway.web.root", WEB_ROOT::toString);
        // a global limit a loaded CI machine reaches for sure (production: 50 per second); every test
        // uses fresh users, so only RateLimitTest comes near it
        registry.add("guildhall.gateway.rate-limit.global.capacity", () -> "30");
        registry.add("guildhall.gateway.rate-limit.global.period", () -> "10s");
        // as behind one ingress: lets tests act as distinct anonymous clients via X-Forwarded-For
        registry.add("guildhall.gateway.proxy.trusted-hops", () -> "1");
    }

    static void wireServices(DynamicPropertyRegistry registry, Map<String, String> urls) {
        registry.add("guildhall.gateway.operator.token", () -> OPERATOR_TOKEN);
        urls.forEach((name, url) -> registry.add("guildhall.services." + name, () -> url));
        registry.add("guildhall.security.jwk-set-uri", () -> urls.get("auth") + "/.well-known/jwks.json");
        registry.add("guildhall.security.issuer", () -> TestTokens.ISSUER);
        registry.add("guildhall.bot-tokens.url", () -> urls.get("bot"));
    }

    static Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        SERVICES.forEach((name, service) -> urls.put(name, service.url()));
        return urls;
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** A fresh user id per call, so that tests never share rate-limit buckets. */
    protected static String newUserId() {
        return Long.toString(USER_IDS.incrementAndGet());
    }

    /** A bot token of a fresh bot that the bot-service stand-in accepts; its user id is {@code botUserId}. */
    protected static String newBotToken(String botUserId) {
        String token = dev.guildhall.common.security.BotTokens.format(Long.parseLong(botUserId),
                java.util.UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        SERVICES.get("bot").acceptBotToken(token, botUserId);
        return token;
    }

    /** A valid access token of a fresh user. */
    protected static String token() {
        return TOKENS.access(newUserId());
    }
}
