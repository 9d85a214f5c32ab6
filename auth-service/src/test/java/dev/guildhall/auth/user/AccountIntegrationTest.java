package dev.guildhall.auth.user;

import dev.guildhall.auth.support.IntegrationTest;
import dev.guildhall.support.testing.HostileRequests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccountIntegrationTest extends IntegrationTest {

    @Test
    void registerThenLoginThenMe() {
        String name = uniqueName("Alice");
        Reply registered = register(name, name + "@Example.com", PASSWORD).expect(201);
        JsonNode user = registered.json();
        assertThat(user.get("user_id").isString()).isTrue();
        assertThat(user.get("username").asString()).isEqualTo(name);
        assertThat(user.get("email").asString()).isEqualTo(name + "@Example.com");
        assertThat(user.get("mfa_enabled").asBoolean()).isFalse();
        assertThat(user.has("avatar_url")).isTrue();
        assertThat(user.get("created_at").asString()).isNotBlank();
        assertThat(registered.body()).doesNotContain("password");

        JsonNode tokens = tokens(name.toUpperCase());
        assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(600);
        assertThat(tokens.get("refresh_token").asString()).hasSizeGreaterThanOrEqualTo(43);

        JsonNode me = get("/api/v1/users/@me", "Authorization", bearer(tokens.get("access_token").asString()))
                .expect(200).json();
        assertThat(me.get("user_id").asString()).isEqualTo(user.get("user_id").asString());
        assertThat(me.get("email").asString()).isEqualTo(name + "@Example.com");

        // by email too, any case
        tokens((name + "@example.COM"));
    }

    @Test
    void usernamesAreUniqueWhateverTheCase() {
        String name = uniqueName("Bob");
        register(name, name + "@example.com", PASSWORD).expect(201);
        Reply taken = register(name.toUpperCase(), "other_" + name + "@example.com", PASSWORD).expect(409);
        assertThat(taken.header("Content-Type")).startsWith("application/problem+json");
        assertThat(taken.text("code")).isEqualTo("USERNAME_TAKEN");

        Reply emailTaken = register(uniqueName("bob2"), name.toUpperCase() + "@EXAMPLE.com", PASSWORD).expect(409);
        assertThat(emailTaken.text("code")).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void weakPasswordsAreRefusedWithTheirCode() {
        String name = uniqueName("carol");
        for (String weak : new String[] {"short", "password123", "1234567890", name}) {
            Reply reply = register(name, name + "@example.com", weak).expect(400);
            assertThat(reply.text("code")).as(weak).isEqualTo("WEAK_PASSWORD");
        }
    }

    @Test
    void unknownPathsAnswerAProblemWithACode() {
        String name = uniqueName("paths");
        register(name, name + "@example.com", PASSWORD).expect(201);
        String token = bearer(tokens(name).get("access_token").asString());
        for (String path : new String[] {"/api/v1/auth/nope", "/api/v1/nope", "/nope"}) {
            Reply reply = get(path, "Authorization", token).expect(404);
            assertThat(reply.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(reply.text("code")).as(path).isEqualTo("NOT_FOUND");
        }
    }

    /** Issue 14, finding 2: login and register, unauthenticated, answer malformed input with a 4xx problem. */
    @Test
    void malformedRequestsAreProblemsWithCodes() {
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/api/v1/users/1",
                "/api/v1/auth/login", null));
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/api/v1/users/1",
                "/api/v1/auth/register", null));
    }

    /** Issue 14, finding 4: the API description shows public operations only, based at the gateway. */
    @Test
    void theApiDescriptionShowsOnlyThePublicApi() {
        Reply docs = get("/v3/api-docs").expect(200);
        java.util.List<String> paths = new java.util.ArrayList<>(docs.json().get("paths").propertyNames());
        assertThat(paths).isNotEmpty().allSatisfy(path -> assertThat(path).startsWith("/api/v1/"));
        assertThat(paths).contains("/api/v1/auth/login");
        assertThat(docs.json().get("servers").get(0).get("url").asString()).isEqualTo("/");
        assertThat(docs.body()).doesNotContain("localhost").doesNotContain("127.0.0.1");
    }

    @Test
    void invalidInputIsAValidationProblem() {
        Reply reply = register("x", "not-an-email", PASSWORD).expect(400);
        assertThat(reply.text("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.json().get("errors").has("username")).isTrue();
        assertThat(reply.json().get("errors").has("email")).isTrue();

        Reply spaces = register("has space", "a@example.com", PASSWORD).expect(400);
        assertThat(spaces.text("code")).isEqualTo("VALIDATION_FAILED");

        Reply malformed = post("/api/v1/auth/register", "{\"username\": ").expect(400);
        assertThat(malformed.text("code")).isEqualTo("MALFORMED_JSON");

        // issue 14, finding 6: a number is not a username
        Reply number = post("/api/v1/auth/register",
                "{\"username\": 123, \"email\": \"n123@example.com\", \"password\": \"" + PASSWORD + "\"}").expect(400);
        assertThat(number.text("code")).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void wrongCredentialsGetTheSameAnswerForUnknownUsers() {
        JsonNode user = newUser("dave");
        Reply wrong = login(user.get("username").asString(), "not the password!").expect(401);
        Reply unknown = login(uniqueName("nobody"), "not the password!").expect(401);
        assertThat(wrong.text("code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.text("code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrong.text("detail")).isEqualTo(unknown.text("detail"));
    }

    @Test
    void publicProfilesShowNoEmail() {
        JsonNode user = newUser("erin");
        String token = tokens(user.get("username").asString()).get("access_token").asString();
        JsonNode profile = get("/api/v1/users/" + user.get("user_id").asString(), "Authorization", bearer(token))
                .expect(200).json();
        assertThat(profile.propertyNames()).containsExactlyInAnyOrder("user_id", "username", "avatar_url", "bot");

        assertThat(get("/api/v1/users/999999999", "Authorization", bearer(token)).expect(404).text("code"))
                .isEqualTo("UNKNOWN_USER");
        assertThat(get("/api/v1/users/abc", "Authorization", bearer(token)).expect(400).text("code"))
                .isEqualTo("INVALID_ID");
    }

    @Test
    void meNeedsAToken() {
        Reply reply = get("/api/v1/users/@me").expect(401);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.text("code")).isEqualTo("UNAUTHORIZED");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void patchMeChangesProfileAndRechecksUniqueness() {
        JsonNode user = newUser("frank");
        JsonNode other = newUser("grace");
        String token = tokens(user.get("username").asString()).get("access_token").asString();
        String auth = bearer(token);

        String newName = uniqueName("Frankie");
        JsonNode updated = call("PATCH", "/api/v1/users/@me",
                Map.of("username", newName, "avatar_url", "https://cdn.example.com/a.png"), "Authorization", auth)
                .expect(200).json();
        assertThat(updated.get("username").asString()).isEqualTo(newName);
        assertThat(updated.get("avatar_url").asString()).isEqualTo("https://cdn.example.com/a.png");
        assertThat(get("/api/v1/users/@me", "Authorization", auth).expect(200).text("username"))
                .as("the next @me reads the changed row (ADR 269 caches statements, never data)").isEqualTo(newName);

        Map<String, Object> clear = new HashMap<>();
        clear.put("avatar_url", null);
        assertThat(call("PATCH", "/api/v1/users/@me", clear, "Authorization", auth).expect(200).json()
                .get("avatar_url").isNull()).isTrue();

        assertThat(call("PATCH", "/api/v1/users/@me", Map.of("username", other.get("username").asString().toUpperCase()),
                "Authorization", auth).expect(409).text("code")).isEqualTo("USERNAME_TAKEN");
        assertThat(call("PATCH", "/api/v1/users/@me", Map.of("email", other.get("email").asString()),
                "Authorization", auth).expect(409).text("code")).isEqualTo("EMAIL_TAKEN");
        assertThat(call("PATCH", "/api/v1/users/@me", Map.of("avatar_url", "javascript:alert(1)"),
                "Authorization", auth).expect(400).text("code")).isEqualTo("VALIDATION_FAILED");

        String newEmail = newName + "@example.org";
        assertThat(call("PATCH", "/api/v1/users/@me", Map.of("email", newEmail), "Authorization", auth)
                .expect(200).text("email")).isEqualTo(newEmail);
        tokens(newEmail);
    }

    @Test
    void passwordChangeNeedsTheCurrentOneAndEndsSessions() {
        JsonNode user = newUser("heidi");
        String name = user.get("username").asString();
        JsonNode session = tokens(name);
        String auth = bearer(session.get("access_token").asString());

        assertThat(call("PATCH", "/api/v1/users/@me", Map.of("new_password", "another sturdy passphrase"),
                "Authorization", auth).expect(400).text("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(call("PATCH", "/api/v1/users/@me", Map.of("password", PASSWORD, "new_password", "password123"),
                "Authorization", auth).expect(400).text("code")).isEqualTo("WEAK_PASSWORD");
        call("PATCH", "/api/v1/users/@me", Map.of("password", PASSWORD, "new_password", "another sturdy passphrase"),
                "Authorization", auth).expect(200);

        login(name, PASSWORD).expect(401);
        login(name, "another sturdy passphrase").expect(200);
        post("/api/v1/auth/refresh", Map.of("refresh_token", session.get("refresh_token").asString())).expect(401);
        // the access token of the change ends at once too (issue 14, finding 10; ADR 208)
        assertThat(get("/api/v1/users/@me", "Authorization", auth).expect(401).text("code")).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void internalLookupNeedsTheInternalToken() {
        JsonNode a = newUser("ivan");
        JsonNode b = newUser("judy");
        String ids = a.get("user_id").asString() + "," + b.get("user_id").asString() + ",12345";

        Reply refused = get("/internal/users?ids=" + ids).expect(401);
        assertThat(refused.text("code")).isEqualTo("UNAUTHORIZED");
        get("/internal/users?ids=" + ids, "X-Guildhall-Internal-Token", "wrong").expect(401);

        JsonNode found = get("/internal/users?ids=" + ids, "X-Guildhall-Internal-Token", "test-internal-token")
                .expect(200).json();
        assertThat(found.size()).isEqualTo(2);
        assertThat(found.get(0).propertyNames()).containsExactlyInAnyOrder("user_id", "username", "avatar_url", "bot");
        assertThat(get("/internal/users?ids=1,x", "X-Guildhall-Internal-Token", "test-internal-token").expect(400)
                .text("code")).isEqualTo("INVALID_ID");
    }
}
