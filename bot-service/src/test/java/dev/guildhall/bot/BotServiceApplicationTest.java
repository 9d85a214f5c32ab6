package dev.guildhall.bot;

import dev.guildhall.bot.support.IntegrationTest;
import dev.guildhall.support.testing.HostileRequests;
import dev.guildhall.support.testing.ServiceAnswers;
import dev.guildhall.common.security.BotTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static dev.guildhall.support.testing.ServiceAnswers.assertProblem;
import static dev.guildhall.support.testing.ServiceAnswers.get;
import static org.assertj.core.api.Assertions.assertThat;

class BotServiceApplicationTest extends IntegrationTest {

    @Test
    void reportsHealthy() {
        ServiceAnswers.assertHealthy(port);
    }

    @Test
    void unknownPathsAnswerAProblemWithACode() {
        assertProblem(get(port, "/actuator/nope"), 404, "NOT_FOUND");
        // everything else needs a token first: the answer says so in the same shape
        assertProblem(get(port, "/api/v1/nope"), 401, "UNAUTHORIZED");
        assertProblem(get(port, "/nope"), 401, "UNAUTHORIZED");
    }

    /**
     * Reached directly (past the gateway, ADR 152), a wrong or missing bot token on the Discord surface is Discord's
     * {@code {"message": "401: Unauthorized", "code": 0}} (ADR 275); v1 keeps its problem.
     */
    @Test
    void aWrongOrMissingBotTokenOnTheDiscordSurfaceIsDiscords401() throws Exception {
        String wrong = BotTokens.format(4242, new byte[32]);
        for (String path : List.of("/api/v10/users/@me", "/api/v9/users/@me", "/api/v10/channels/5/messages")) {
            for (String authorization : new String[] {"Bot " + wrong, "Bot garbage", null}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> response = HttpClient.newHttpClient().send(request.GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path + " " + authorization).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.get("code").isNumber()).as(response.body()).isTrue();
                assertThat(body.get("code").asInt()).isZero();
                assertThat(body.get("message").asString()).isEqualTo("401: Unauthorized");
            }
        }
        HttpResponse<String> v1 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/applications")).header("Authorization", "Bot " + wrong)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(v1, 401, "INVALID_TOKEN");
    }

    /** springdoc's "no such group" was a 500; an unknown description is an unknown path. */
    @Test
    void anUnknownApiDescriptionGroupIsA404Problem() {
        assertProblem(get(port, "/v3/api-docs/nope"), 404, "NOT_FOUND");
        assertThat(get(port, "/v3/api-docs/discord").statusCode()).isEqualTo(200);
        assertThat(get(port, "/v3/api-docs").statusCode()).isEqualTo(200);
    }

    /** Issue 14, finding 2: malformed input is a 4xx problem with a code, whoever sends it. */
    @Test
    void malformedRequestsAreProblemsWithCodes() {
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/api/v1/applications", "/api/v1/applications", null));
    }
}
