package dev.guildhall.auth.session;

import dev.guildhall.auth.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionIntegrationTest extends IntegrationTest {

    @Test
    void refreshRotatesAndAReplayRevokesTheWholeSession() {
        JsonNode user = newUser("kim");
        JsonNode first = tokens(user.get("username").asString());
        String r1 = first.get("refresh_token").asString();

        JsonNode second = refresh(r1).expect(200).json();
        String r2 = second.get("refresh_token").asString();
        assertThat(r2).isNotEqualTo(r1);
        assertThat(second.get("token_type").asString()).isEqualTo("Bearer");
        get("/api/v1/users/@me", "Authorization", bearer(second.get("access_token").asString())).expect(200);

        JsonNode third = refresh(r2).expect(200).json();
        String r3 = third.get("refresh_token").asString();

        // r1 was already rotated away: someone holds a copy. The whole family dies, r3 included.
        Reply replay = refresh(r1).expect(401);
        assertThat(replay.text("code")).isEqualTo("INVALID_TOKEN");
        refresh(r3).expect(401);

        // other sessions of the same user are untouched
        JsonNode other = tokens(user.get("username").asString());
        refresh(other.get("refresh_token").asString()).expect(200);
    }

    @Test
    void unknownRefreshTokensAreRefused() {
        assertThat(refresh("not-a-token").expect(401).text("code")).isEqualTo("INVALID_TOKEN");
        assertThat(post("/api/v1/auth/refresh", Map.of()).expect(400).text("code")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        JsonNode user = newUser("leo");
        JsonNode session = tokens(user.get("username").asString());
        String refresh = session.get("refresh_token").asString();

        Reply out = post("/api/v1/auth/logout", Map.of("refresh_token", refresh)).expect(204);
        assertThat(out.body()).isEmpty();
        refresh(refresh).expect(401);
        // idempotent, and an unknown token says nothing
        post("/api/v1/auth/logout", Map.of("refresh_token", refresh)).expect(204);
        post("/api/v1/auth/logout", Map.of("refresh_token", "unknown")).expect(204);
    }

    @Test
    void logoutEndsThePresentedAccessTokenAtOnce() {
        // issue 14, finding 10 (ADR 208): not only the refresh token; the user's other session lives on
        JsonNode user = newUser("lou");
        JsonNode session = tokens(user.get("username").asString());
        JsonNode other = tokens(user.get("username").asString());
        String access = bearer(session.get("access_token").asString());
        get("/api/v1/users/@me", "Authorization", access).expect(200);

        post("/api/v1/auth/logout", Map.of("refresh_token", session.get("refresh_token").asString()),
                "Authorization", access).expect(204);

        assertThat(get("/api/v1/users/@me", "Authorization", access).expect(401).text("code")).isEqualTo("INVALID_TOKEN");
        get("/api/v1/users/@me", "Authorization", bearer(other.get("access_token").asString())).expect(200);
    }

    @Test
    void logoutWithOnlyABearerEndsEverySessionOfTheUser() throws InterruptedException {
        JsonNode user = newUser("mia");
        String name = user.get("username").asString();
        JsonNode b = tokens(name);
        Thread.sleep(1_100);
        JsonNode a = tokens(name);

        post("/api/v1/auth/logout", null, "Authorization", bearer(a.get("access_token").asString())).expect(204);
        refresh(a.get("refresh_token").asString()).expect(401);
        refresh(b.get("refresh_token").asString()).expect(401);
        // ... and every access token at once (ADR 208): the presented one and the other session's (issued in an
        // earlier second: iat has whole seconds)
        get("/api/v1/users/@me", "Authorization", bearer(a.get("access_token").asString())).expect(401);
        get("/api/v1/users/@me", "Authorization", bearer(b.get("access_token").asString())).expect(401);
        // logging in again works at once
        get("/api/v1/users/@me", "Authorization", bearer(tokens(name).get("access_token").asString())).expect(200);

        assertThat(post("/api/v1/auth/logout", null).expect(401).text("code")).isEqualTo("UNAUTHORIZED");
        assertThat(post("/api/v1/auth/logout", null, "Authorization", "Bearer garbage").expect(401).text("code"))
                .isEqualTo("INVALID_TOKEN");
    }

    @Test
    void aStaleBearerDoesNotBreakLogin() {
        JsonNode user = newUser("nia");
        post("/api/v1/auth/login", Map.of("login", user.get("username").asString(), "password", PASSWORD),
                "X-Forwarded-For", randomIp(), "Authorization", "Bearer stale.token.value").expect(200);
    }

    private Reply refresh(String token) {
        return post("/api/v1/auth/refresh", Map.of("refresh_token", token));
    }
}
