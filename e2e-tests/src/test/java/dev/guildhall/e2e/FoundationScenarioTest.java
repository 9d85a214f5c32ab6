package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation scenario, end to end through the gateway against the whole fleet on real
 * MariaDB, Redis and Kafka: accounts with TOTP, a server with a category, channels and a role,
 * a hidden channel, invites, membership, kicks, and the login throttle.
 */
class FoundationScenarioTest {

    static final long VIEW_CHANNEL = 1L << 10;

    static Api api;

    @BeforeAll
    static void fleet() {
        api = new Api(E2eFleet.gatewayUrl());
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    record Account(String userId, String username, String password, String token) {
        String email() {
            return username + "@example.test";
        }
    }

    static Account register(String prefix) {
        String username = unique(prefix);
        String password = "correct horse " + UUID.randomUUID();
        Response created = Scenario.signInCall(api, "/api/v1/auth/register",
                map("username", username, "email", username + "@example.test", "password", password));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("user_id")).matches("\\d+");
        Response login = Scenario.signInCall(api, "/api/v1/auth/login", map("login", username, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new Account(created.text("user_id"), username, password, login.text("access_token"));
    }

    static List<String> channelNames(Response channels) {
        List<String> names = new ArrayList<>();
        channels.body().forEach(c -> names.add(c.get("channel_name").asString()));
        return names;
    }

    @Test
    void foundationScenario() throws Exception {
        Account a = register("alice");
        Account b = register("bob");
        Account c = register("carol");

        // A turns on TOTP and from then on logs in with a code
        Response enable = api.post("/api/v1/users/@me/mfa/totp/enable", a.token(), map());
        assertThat(enable.status()).as(enable.toString()).isEqualTo(200);
        String secret = enable.text("secret");
        assertThat(enable.text("otpauth_url")).startsWith("otpauth://totp/");
        Response verify = api.post("/api/v1/users/@me/mfa/totp/verify", a.token(),
                map("code", Totp.code(secret, Instant.now())));
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        Response firstStep = api.post("/api/v1/auth/login", null, map("login", a.username(), "password", a.password()));
        assertThat(firstStep.status()).isEqualTo(200);
        assertThat(firstStep.body().get("mfa_required").asBoolean()).isTrue();
        assertThat(firstStep.body().has("access_token")).isFalse();
        // the code of the next 30 s step: the current one was spent on verify and codes are single-use
        Response secondStep = api.post("/api/v1/auth/mfa/totp", null,
                map("ticket", firstStep.text("ticket"), "code", Totp.code(secret, Instant.now().plusSeconds(30))));
        assertThat(secondStep.status()).as(secondStep.toString()).isEqualTo(200);
        String aToken = secondStep.text("access_token");
        assertThat(api.get("/api/v1/users/@me", aToken).body().get("mfa_enabled").asBoolean()).isTrue();

        // A builds a server
        Response server = api.post("/api/v1/servers", aToken, map("server_name", "Guild of Testers"));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        String serverId = server.text("server_id");
        assertThat(server.text("owner_id")).isEqualTo(a.userId());
        String base = "/api/v1/servers/" + serverId;

        Response category = api.post(base + "/channels", aToken, map("channel_name", "Text", "channel_type", "category"));
        assertThat(category.status()).as(category.toString()).isIn(200, 201);
        Response lounge = api.post(base + "/channels", aToken,
                map("channel_name", "lounge", "channel_type", "text", "parent_id", category.text("channel_id")));
        assertThat(lounge.status()).as(lounge.toString()).isIn(200, 201);
        assertThat(lounge.text("parent_id")).isEqualTo(category.text("channel_id"));
        Response modRoom = api.post(base + "/channels", aToken,
                map("channel_name", "mod-room", "channel_type", "text", "parent_id", category.text("channel_id")));
        assertThat(modRoom.status()).as(modRoom.toString()).isIn(200, 201);
        String secretId = modRoom.text("channel_id");

        Response mods = api.post(base + "/roles", aToken, map("name", "mods", "permissions", "0"));
        assertThat(mods.status()).as(mods.toString()).isIn(200, 201);
        String modsId = mods.text("role_id");

        // hide mod-room from @everyone (whose role id is the server id), show it to mods
        Response denyEveryone = api.put("/api/v1/channels/" + secretId + "/permissions/" + serverId, aToken,
                map("type", "role", "allow", "0", "deny", Long.toString(VIEW_CHANNEL)));
        assertThat(denyEveryone.status()).as(denyEveryone.toString()).isIn(200, 204);
        Response allowMods = api.put("/api/v1/channels/" + secretId + "/permissions/" + modsId, aToken,
                map("type", "role", "allow", Long.toString(VIEW_CHANNEL), "deny", "0"));
        assertThat(allowMods.status()).as(allowMods.toString()).isIn(200, 204);

        // B joins through an invite
        Response invite = api.post("/api/v1/channels/" + lounge.text("channel_id") + "/invites", aToken,
                map("max_age", 3600, "max_uses", 10));
        assertThat(invite.status()).as(invite.toString()).isIn(200, 201);
        Response join = api.post("/api/v1/invites/" + invite.text("code"), b.token(), map());
        assertThat(join.status()).as(join.toString()).isIn(200, 201);
        assertThat(api.get("/api/v1/users/@me/servers", b.token()).raw()).contains(serverId);

        // B sees only the public channels
        Response bChannels = api.get(base + "/channels", b.token());
        assertThat(bChannels.status()).isEqualTo(200);
        assertThat(channelNames(bChannels)).contains("general", "lounge").doesNotContain("mod-room");
        assertThat(api.get("/api/v1/channels/" + secretId, b.token()).status()).isEqualTo(404);

        // with mods, B sees both
        Response grant = api.put(base + "/members/" + b.userId() + "/roles/" + modsId, aToken, null);
        assertThat(grant.status()).as(grant.toString()).isIn(200, 204);
        assertThat(channelNames(api.get(base + "/channels", b.token()))).contains("lounge", "mod-room");

        // C, not a member, learns nothing: 404, never 403
        for (String path : List.of(base, base + "/channels", base + "/members", base + "/roles",
                "/api/v1/channels/" + secretId)) {
            Response r = api.get(path, c.token());
            assertThat(r.status()).as("C GET %s → %s", path, r).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.text("code")).isNotBlank();
        }

        // B may not delete the server
        Response bDelete = api.delete(base, b.token());
        assertThat(bDelete.status()).as(bDelete.toString()).isEqualTo(403);
        assertThat(bDelete.text("code")).isNotBlank();

        // A kicks B; B's next request for the server is 404
        Response kick = api.delete(base + "/members/" + b.userId(), aToken);
        assertThat(kick.status()).as(kick.toString()).isIn(200, 204);
        assertThat(api.get(base, b.token()).status()).isEqualTo(404);

        // an expired invite is refused clearly
        Response shortLived = api.post("/api/v1/channels/" + lounge.text("channel_id") + "/invites", aToken,
                map("max_age", 1, "max_uses", 0));
        assertThat(shortLived.status()).as(shortLived.toString()).isIn(200, 201);
        Thread.sleep(2100);
        Response late = api.post("/api/v1/invites/" + shortLived.text("code"), c.token(), map());
        assertThat(late.status()).as(late.toString()).isBetween(400, 410);
        assertThat(late.text("code")).isEqualTo("INVITE_EXPIRED");
        assertThat(api.get(base, c.token()).status()).isEqualTo(404);
    }

    @Test
    void sixthLoginInAMinuteIsThrottled() {
        Account d = register("dave"); // its login is the first attempt on this account
        List<Integer> statuses = new ArrayList<>();
        statuses.add(api.post("/api/v1/auth/login", null, map("login", d.username(), "password", "wrong password")).status());
        for (int i = 0; i < 3; i++) {
            statuses.add(api.post("/api/v1/auth/login", null, map("login", d.email(), "password", d.password())).status());
        }
        assertThat(statuses).containsExactly(401, 200, 200, 200);

        // the sixth attempt in the minute is refused, right password or not
        Response sixth = api.post("/api/v1/auth/login", null, map("login", d.username(), "password", d.password()));
        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
        assertThat(Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(sixth.body().get("retry_after").asDouble()).isPositive();
        assertThat(sixth.body().get("global").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/auth/login", null, map("login", d.username(), "password", d.password())).status())
                .isEqualTo(429);
    }

    @Test
    void everyServiceIsHealthyBehindTheGateway() {
        Response health = api.get("/actuator/health", null);
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
    }

    @Test
    void badInputIsAProblemNotACrash() {
        Account e = register("erin");
        Response empty = api.post("/api/v1/servers", e.token(), map("server_name", ""));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.text("code")).isEqualTo("VALIDATION_FAILED");
        Response badId = api.get("/api/v1/servers/not-a-number", e.token());
        assertThat(badId.status()).isBetween(400, 404);
        Response noToken = api.get("/api/v1/users/@me", null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.contentType()).startsWith("application/problem+json");
        JsonNode me = api.get("/api/v1/users/@me", e.token()).body();
        assertThat(me.get("user_id").asString()).isEqualTo(e.userId());
    }
}
