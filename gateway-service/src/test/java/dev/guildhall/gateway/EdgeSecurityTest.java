package dev.guildhall.gateway;

import dev.guildhall.common.security.TokenClaims;
import dev.guildhall.gateway.support.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Token verification at the edge, the identity passed downstream, public paths and bot tokens. */
class EdgeSecurityTest extends GatewayIntegrationTest {

    private static final String PROTECTED = "/api/v1/users/@me";

    @Test
    void missingTokenIs401Problem() {
        HttpResponse<String> response = http.get(PROTECTED, null);

        assertProblem(response, 401, "UNAUTHORIZED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void badTokensAre401InvalidToken() {
        String user = newUserId();
        Map<String, Supplier<String>> bad = Map.of(
                "garbage", () -> "not-a-jwt",
                "expired", () -> TOKENS.expired(user),
                "forged signature", () -> TOKENS.forged(user),
                "alg none", () -> TOKENS.unsigned(user),
                "wrong audience", () -> TOKENS.with(user, c -> c.audience("someone-else")),
                "wrong issuer", () -> TOKENS.with(user, c -> c.issuer("http://evil.example")),
                "refresh token", () -> TOKENS.with(user, c -> c.claim(TokenClaims.TOKEN_USE, "refresh")));
        int before = SERVICES.get("auth").requests();

        bad.forEach((name, token) -> {
            HttpResponse<String> response = http.get(PROTECTED, token.get());
            assertThat(response.statusCode()).as(name).isEqualTo(401);
            assertProblem(response, 401, "INVALID_TOKEN");
        });
        assertThat(SERVICES.get("auth").requests()).as("nothing reached the service").isEqualTo(before);
    }

    @Test
    void identityComesFromTheTokenAndASpoofedHeaderIsReplaced() {
        String user = newUserId();
        String token = TOKENS.access(user);

        HttpResponse<String> response = http.send(Http.authorized(http.request(PROTECTED), token)
                .header(TokenClaims.USER_ID_HEADER, "1")
                .header("X-Guildhall-Internal-Token", "dev-internal-token"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode headers = Http.json(response).get("headers");
        assertThat(headers.get("x-guildhall-user-id").asString()).isEqualTo(user);
        assertThat(headers.get("authorization").asString()).isEqualTo("Bearer " + token);
        assertThat(headers.has("x-guildhall-internal-token")).isFalse();
    }

    @Test
    void publicEndpointsNeedNoTokenAndCarryNoIdentity() {
        HttpResponse<String> login = http.send(http.request("/api/v1/auth/login")
                .header(TokenClaims.USER_ID_HEADER, "1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"a\",\"password\":\"b\"}")));
        HttpResponse<String> invitePreview = http.get("/api/v1/invites/AbCd", null);

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(Http.json(login).get("service").asString()).isEqualTo("auth");
        assertThat(Http.json(login).get("headers").has("x-guildhall-user-id")).isFalse();
        assertThat(invitePreview.statusCode()).isEqualTo(200);
        assertThat(Http.json(invitePreview).get("service").asString()).isEqualTo("server");
    }

    @Test
    void executingAWebhookNeedsNoTokenButManagingOneDoes() {
        HttpResponse<String> execute = http.post("/api/v1/webhooks/1/secret-token", null, "{\"content\":\"hi\"}");
        assertThat(execute.statusCode()).as(execute.body()).isEqualTo(200);
        assertThat(Http.json(execute).get("service").asString()).isEqualTo("bot");
        assertThat(Http.json(execute).get("headers").has("x-guildhall-user-id")).isFalse();

        assertThat(http.send(http.request("/api/v1/webhooks/1").method("PATCH",
                HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/webhooks/1/secret-token", null).statusCode()).isEqualTo(401);
    }

    @Test
    void discordsTokenInPathRoutesNeedNoTokenButTheRestOfTheDialectDoes() {
        String interactionToken = "aW50ZXJhY3Rpb246abc";
        for (String path : new String[] {"/api/v10/webhooks/1/secret-token?wait=true", "/api/v9/webhooks/1/secret-token",
                "/api/v10/interactions/1/" + interactionToken + "/callback"}) {
            HttpResponse<String> post = http.post(path, null, "{\"content\":\"hi\"}");
            assertThat(post.statusCode()).as(path + ": " + post.body()).isEqualTo(200);
            assertThat(Http.json(post).get("service").asString()).isEqualTo("bot");
        }
        String original = "/api/v10/webhooks/1/" + interactionToken + "/messages/@original";
        assertThat(http.send(http.request(original).method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")).statusCode()).isEqualTo(200);
        assertThat(http.send(http.request(original).DELETE()).statusCode()).isEqualTo(200);

        // a webhook's own message or anything else under the prefix still needs the bot's token
        assertThat(http.send(http.request("/api/v10/webhooks/1/secret-token/messages/@original").method("PATCH",
                HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v10/channels/77/webhooks", null).statusCode()).isEqualTo(401);
        assertThat(http.post("/api/v10/channels/77/webhooks", null, "{\"name\":\"x\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenDoesNotBlockRefresh() {
        HttpResponse<String> response = http.post("/api/v1/auth/refresh", TOKENS.expired(newUserId()),
                "{\"refresh_token\":\"r\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("service").asString()).isEqualTo("auth");
    }

    @Test
    void joiningByInviteNeedsAToken() {
        HttpResponse<String> response = http.post("/api/v1/invites/AbCd", null, "{}");

        assertProblem(response, 401, "UNAUTHORIZED");
    }

    @Test
    void botTokensAreVerifiedAndCarryTheBotsUserIdDownstream() {
        String bot = newUserId();
        String token = newBotToken(bot);
        HttpResponse<String> response = http.send(http.request("/api/v1/channels/5/messages")
                .header("Authorization", "Bot " + token)
                .header(TokenClaims.USER_ID_HEADER, "1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"beep\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = Http.json(response);
        assertThat(echo.get("service").asString()).isEqualTo("message");
        // the service verifies the token again, so it goes on unchanged
        assertThat(echo.get("headers").get("authorization").asString()).isEqualTo("Bot " + token);
        assertThat(echo.get("headers").get("x-guildhall-user-id").asString()).isEqualTo(bot);

        assertProblem(http.send(http.request("/api/v1/channels/5/messages")
                .header("Authorization", "Bot MTIz.abc.def")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 401, "INVALID_TOKEN");
    }

    @Test
    void actuatorBeyondHealthAndPrometheusIsClosed() {
        // issue 14, finding 5: not 401/403, which would confirm the endpoint exists
        assertThat(http.get("/actuator/metrics", null).statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/metrics", token()).statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/metrics", OPERATOR_TOKEN).statusCode()).isEqualTo(404);
        // issue 14, finding 4: metrics only for the operator
        assertThat(http.get("/actuator/prometheus", null).statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/prometheus", token()).statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/prometheus", OPERATOR_TOKEN).statusCode()).isEqualTo(200);
    }

    /** Issue 14, finding 5: the sensitive endpoints answer 404 problems in every spelling, for everyone. */
    @Test
    void sensitiveActuatorEndpointsDoNotExistAtTheEdge() {
        for (String path : List.of("/actuator/env", "/actuator/heapdump", "/actuator/configprops", "/actuator/beans",
                "/actuator/mappings", "/actuator/loggers", "/actuator/threaddump", "/actuator/gateway/routes",
                "/actuator/%65nv", "/actuator/info", "/actuator")) {
            for (String credential : new String[] {null, token(), OPERATOR_TOKEN}) {
                HttpResponse<String> response = http.get(path, credential);
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type")).as(path)
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(response.body()).as(path).contains("\"code\":\"NOT_FOUND\"");
            }
        }
    }

    /**
     * Issue 14, finding 4: anonymous health is the status and nothing else — not even the names of the probe groups
     * Spring Boot lists beside it (re-probe of 2026-12-07) — and the operator sees the details and the groups.
     */
    @Test
    void anonymousHealthIsOnlyTheStatus() {
        HttpResponse<String> anonymous = http.get("/actuator/health", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("{\"status\":\"UP\"}");
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = http.get(probe, null);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
        assertThat(http.get("/actuator/health/downstreams", null).statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/health", "wrong-" + OPERATOR_TOKEN).statusCode()).isEqualTo(404);
        JsonNode operator = Http.json(http.get("/actuator/health", OPERATOR_TOKEN));
        assertThat(operator.has("components")).isTrue();
        assertThat(operator.get("groups").toString()).contains("liveness").contains("readiness");
    }

    /** A DOWN platform is a bare {@code {"status":"DOWN"}} with 503 for anyone; the operator learns which part. */
    @Test
    void anonymousHealthWhenDownIsOnlyTheStatusWith503() {
        SERVICES.get("bot").healthy(false);
        try {
            HttpResponse<String> anonymous = http.get("/actuator/health", null);
            assertThat(anonymous.statusCode()).isEqualTo(503);
            assertThat(anonymous.body()).isEqualTo("{\"status\":\"DOWN\"}");
            // liveness and readiness never follow a downstream (ADR 036)
            assertThat(http.get("/actuator/health/readiness", null).body()).isEqualTo("{\"status\":\"UP\"}");
            HttpResponse<String> operator = http.get("/actuator/health", OPERATOR_TOKEN);
            assertThat(operator.statusCode()).isEqualTo(503);
            assertThat(Http.json(operator).get("components").get("downstreams").get("components").get("bot")
                    .get("status").asString()).isEqualTo("DOWN");
        } finally {
            SERVICES.get("bot").healthy(true);
        }
    }

    @Test
    void corsPreflightIsAllowedForTheConfiguredOrigin() {
        HttpResponse<String> allowed = http.send(http.request("/api/v1/channels/5/messages")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        HttpResponse<String> refused = http.send(http.request("/api/v1/channels/5/messages")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization");
        assertProblem(refused, 403, "MISSING_PERMISSIONS");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void corsResponsesExposeRateLimitHeaders() {
        HttpResponse<String> response = http.send(Http.authorized(http.request(PROTECTED), token())
                .header("Origin", "http://localhost:8080"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly("http://localhost:8080");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("X-RateLimit-Remaining").contains("Retry-After");
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }
}
