package dev.guildhall.gateway;

import dev.guildhall.common.security.BotTokens;
import dev.guildhall.gateway.support.Http;
import dev.guildhall.gateway.support.StandInService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.guildhall.gateway.EdgeSecurityTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's own refusals on the Discord-compatible surface are Discord's error object, not problem+json (ADR 275):
 * a wrong or missing bot token, bot-service unable to check one, the rate limits. v1 keeps its problems.
 */
class DiscordEdgeTest extends GatewayIntegrationTest {

    private HttpResponse<String> asBot(String path, String token) {
        return http.send(http.request(path).header("Authorization", "Bot " + token));
    }

    @Test
    void aWrongBotTokenIsDiscords401OnBothVersions() {
        String wrong = BotTokens.format(Long.parseLong(newUserId()), new byte[32]);
        int reachedBefore = SERVICES.get("bot").requests();

        for (String path : List.of("/api/v10/users/@me", "/api/v9/users/@me", "/api/v10/channels/5/messages")) {
            assertDiscord(asBot(path, wrong), 401, "401: Unauthorized");
            assertDiscord(asBot(path, "not-even-a-token"), 401, "401: Unauthorized");
            assertDiscord(http.get(path, null), 401, "401: Unauthorized");
        }
        assertThat(SERVICES.get("bot").requests()).as("nothing but token checks reached bot-service")
                .isEqualTo(reachedBefore);
        // v1 is unchanged
        assertProblem(asBot("/api/v1/users/@me", wrong), 401, "INVALID_TOKEN");
        assertProblem(http.get("/api/v1/users/@me", null), 401, "UNAUTHORIZED");
    }

    @Test
    void botServiceUnableToCheckATokenIsDiscords503WithRetryAfter() {
        StandInService botService = SERVICES.get("bot");
        String token = newBotToken(newUserId());
        botService.botTokensFailing(true);
        try {
            HttpResponse<String> response = asBot("/api/v10/users/@me", token);
            assertDiscord(response, 503, "503: Service Unavailable");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        } finally {
            botService.botTokensFailing(false);
        }
        assertThat(asBot("/api/v10/users/@me", token).statusCode()).isEqualTo(200);
    }

    @Test
    void theEdgesRateLimitIsDiscords429() {
        String token = newBotToken(newUserId());
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(Http.client().sendAsync(http.request("/api/v10/users/@me").header("Authorization", "Bot " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> refused = burst.stream().map(CompletableFuture::join)
                .filter(response -> response.statusCode() == 429).toList();

        // 30 per 10 s in this context (see RateLimitTest)
        assertThat(refused).isNotEmpty();
        for (HttpResponse<String> response : refused) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode body = Http.json(response);
            assertThat(body.get("message").asString()).isEqualTo("You are being rate limited.");
            assertThat(body.get("code").isNumber()).isTrue();
            assertThat(body.get("retry_after").isNumber()).isTrue();
            assertThat(body.get("retry_after").asDouble()).isGreaterThan(0);
            assertThat(body.get("global").isBoolean()).isTrue();
            assertThat(body.has("type")).isFalse();
            // an integer Retry-After and Via, as discord.js needs (ADR 178)
            assertThat(response.headers().firstValue("Retry-After").orElseThrow()).matches("[0-9]+");
            assertThat(response.headers().firstValue("Via")).isPresent();
        }
    }

    static void assertDiscord(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Http.json(response);
        assertThat(body.get("message").asString()).isEqualTo(message);
        assertThat(body.get("code").isNumber()).as(response.body()).isTrue();
        assertThat(body.get("code").asInt()).isZero();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("message", "code");
    }
}
