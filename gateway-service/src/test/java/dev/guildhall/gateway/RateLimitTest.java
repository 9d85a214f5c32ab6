package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN's rate-limit contract, against a real Redis. */
class RateLimitTest extends GatewayIntegrationTest {

    @Test
    void sixthMessageInFiveSecondsIsRefused() {
        String token = token();
        http.post("/api/v1/channels/" + newUserId() + "/messages", token, "{}"); // warm-up, see below
        String channel = "/api/v1/channels/" + newUserId() + "/messages";

        List<HttpResponse<String>> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(http.post(channel, token, "{\"content\":\"hi " + i + "\"}"));
        }
        HttpResponse<String> sixth = http.post(channel, token, "{\"content\":\"one too many\"}");

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = accepted.get(i);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
            assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(4 - i));
            assertThat(response.headers().firstValue("X-RateLimit-Bucket")).hasValue("messages.create");
            assertThat(Double.parseDouble(response.headers().firstValue("X-RateLimit-Reset-After").orElseThrow()))
                    .isBetween(0.0, 5.0);
            assertThat(Double.parseDouble(response.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                    .isGreaterThan(System.currentTimeMillis() / 1000.0 - 1);
        }
        assertThat(sixth.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 5L);
        assertThat(sixth.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
        assertThat(sixth.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(sixth.headers().firstValue("X-RateLimit-Bucket")).hasValue("messages.create");
        assertThat(sixth.headers().firstValue("X-RateLimit-Reset")).isPresent();
        assertThat(sixth.headers().firstValue("X-RateLimit-Reset-After")).isPresent();
        // discord.js reads a 429 without Via as a proxy's ban (ADR 178)
        assertThat(sixth.headers().firstValue("Via")).isPresent();
        JsonNode body = Http.json(sixth);
        assertThat(body.get("retry_after").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(5.0);
        assertThat(body.get("global").asBoolean()).isFalse();
        assertThat(body.get("code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void bucketsArePerChannelAndPerUser() {
        String token = token();
        // warm up (first request of a context loads the JWKS and classes): the window is only 5 s
        http.post("/api/v1/channels/" + newUserId() + "/messages", token, "{}");
        String channel = "/api/v1/channels/" + newUserId() + "/messages";
        for (int i = 0; i < 5; i++) {
            http.post(channel, token, "{}");
        }

        assertThat(http.post(channel, token, "{}").statusCode()).isEqualTo(429);
        assertThat(http.post("/api/v1/channels/" + newUserId() + "/messages", token, "{}").statusCode()).isEqualTo(200);
        assertThat(http.post(channel, token(), "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void reachingTheGlobalLimitIsAGlobal429() {
        String token = token();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(Http.client().sendAsync(Http.authorized(http.request("/api/v1/users/@me"), token).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> refused = burst.stream().map(CompletableFuture::join)
                .filter(response -> response.statusCode() == 429).toList();

        // 30 per 10 s in this context: the last 10 are refused (fewer if the burst straddles a window)
        assertThat(refused).hasSizeBetween(1, 10);
        assertThat(refused).allSatisfy(response -> assertThat(Http.json(response).get("global").asBoolean()).isTrue());
        HttpResponse<String> first = refused.get(0);
        assertThat(Http.json(first).get("global").asBoolean()).isTrue();
        assertThat(first.headers().firstValue("X-RateLimit-Global")).hasValue("true");
        assertThat(first.headers().firstValue("X-RateLimit-Bucket")).hasValue("global");
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anonymousCallersAreLimitedByAddress() {
        // two-factor step: 30 per minute per address (this client's address as recorded by the trusted proxy)
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            responses.add(http.send(http.request("/api/v1/auth/mfa/totp").header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "203.0.113.7")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))));
        }
        HttpResponse<String> fromElsewhere = http.send(http.request("/api/v1/auth/mfa/totp")
                .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(responses.subList(0, 30)).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(responses.get(30).statusCode()).isEqualTo(429);
        // this suite's global window is 30 per 10 s too, so either full window may be the one named
        assertThat(responses.get(30).headers().firstValue("X-RateLimit-Bucket").orElseThrow()).isIn("auth.mfa", "global");
        assertThat(fromElsewhere.statusCode()).isEqualTo(200);
    }

    @Test
    void aServicesOwnLimitIsTheOnlySetOnTheResponse() {
        // auth-service refuses a login with its per-account window; the gateway's flood guard (auth.login,
        // 60 per minute) allowed it: the response carries one set, the more specific service bucket's
        HttpResponse<String> refused = http.send(http.request("/api/v1/auth/login?service-limited")
                .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> allowed = http.send(http.request("/api/v1/auth/login")
                .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().allValues("X-RateLimit-Bucket")).containsExactly("login:account");
        assertThat(refused.headers().allValues("X-RateLimit-Limit")).containsExactly("5");
        assertThat(refused.headers().allValues("X-RateLimit-Remaining")).containsExactly("0");
        assertThat(refused.headers().allValues("X-RateLimit-Reset-After")).containsExactly("42.000");
        assertThat(refused.headers().allValues("Retry-After")).containsExactly("42");
        // where the service says nothing, the gateway's bucket speaks, once
        assertThat(allowed.headers().allValues("X-RateLimit-Bucket")).containsExactly("auth.login");
        assertThat(allowed.headers().allValues("X-RateLimit-Limit")).containsExactly("60");
    }
}
