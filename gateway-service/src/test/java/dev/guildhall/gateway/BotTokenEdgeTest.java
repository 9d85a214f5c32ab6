package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import dev.guildhall.gateway.support.StandInService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static dev.guildhall.gateway.EdgeSecurityTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code Authorization: Bot <token>} verified at the edge with bot-service, cached briefly (ADR 152). */
class BotTokenEdgeTest extends GatewayIntegrationTest {

    private static final String PATH = "/api/v1/channels/7/messages";

    private HttpResponse<String> asBot(String token) {
        return http.send(http.request(PATH).header("Authorization", "Bot " + token));
    }

    @Test
    void aValidBotTokenReachesTheServiceAsTheBotsUser() {
        String bot = newUserId();
        HttpResponse<String> response = asBot(newBotToken(bot));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode headers = Http.json(response).get("headers");
        assertThat(headers.get("x-guildhall-user-id").asString()).isEqualTo(bot);
    }

    @Test
    void aBotIsRateLimitedByItsUserIdWhereverItCallsFrom() {
        String token = newBotToken(newUserId());
        HttpResponse<String> first = http.send(http.request(PATH).header("Authorization", "Bot " + token)
                .header("X-Forwarded-For", "198.51.100.7"));
        HttpResponse<String> second = http.send(http.request(PATH).header("Authorization", "Bot " + token)
                .header("X-Forwarded-For", "203.0.113.9"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        int before = Integer.parseInt(first.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        int after = Integer.parseInt(second.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertThat(after).as("one bucket for the bot, not one per address").isEqualTo(before - 1);
    }

    @Test
    void aWrongTokenIs401AndAFloodOfItIsAnsweredFromTheCache() {
        StandInService botService = SERVICES.get("bot");
        StandInService messages = SERVICES.get("message");
        String wrong = dev.guildhall.common.security.BotTokens.format(Long.parseLong(newUserId()), new byte[32]);
        int checksBefore = botService.botTokenChecks();
        int reachedBefore = messages.requests();

        for (int i = 0; i < 10; i++) {
            assertProblem(asBot(wrong), 401, "INVALID_TOKEN");
        }
        assertProblem(asBot("not-even-a-token"), 401, "INVALID_TOKEN");

        assertThat(messages.requests()).as("nothing reached the service").isEqualTo(reachedBefore);
        assertThat(botService.botTokenChecks() - checksBefore).as("bot-service asked once, not ten times")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void aRevokedTokenIsRefusedWithinFiveSeconds() throws InterruptedException {
        String token = newBotToken(newUserId());
        assertThat(asBot(token).statusCode()).isEqualTo(200);

        SERVICES.get("bot").revokeBotToken(token);
        Instant revoked = Instant.now();
        int status = 200;
        while (status == 200 && Duration.between(revoked, Instant.now()).compareTo(Duration.ofSeconds(8)) < 0) {
            Thread.sleep(250);
            status = asBot(token).statusCode();
        }
        assertThat(status).isEqualTo(401);
        // 5 s of cache, plus the poll interval and a loaded machine's request time
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofMillis(6500));
    }

    @Test
    void botServiceDownIs503NotA401() {
        StandInService botService = SERVICES.get("bot");
        String token = newBotToken(newUserId());
        botService.botTokensFailing(true);
        try {
            HttpResponse<String> response = asBot(token);
            assertProblem(response, 503, "SERVICE_UNAVAILABLE");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        } finally {
            botService.botTokensFailing(false);
        }
        // not remembered: once bot-service answers again, so does the gateway
        assertThat(asBot(token).statusCode()).isEqualTo(200);
    }
}
