package dev.guildhall.auth.user;

import dev.guildhall.auth.support.IntegrationTest;
import dev.guildhall.auth.token.AccessTokenIssuer;
import dev.guildhall.common.id.Snowflake;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bot users (ADR 150): made only by bot-service, never able to log in or use account-only endpoints. */
class BotUserIntegrationTest extends IntegrationTest {

    private static final String INTERNAL = "X-Guildhall-Internal-Token";

    @Autowired
    AccessTokenIssuer issuer;

    private JsonNode createBot(String username) {
        return post("/internal/bot-users", Map.of("username", username), INTERNAL, "test-internal-token")
                .expect(201).json();
    }

    @Test
    void botUsersAreCreatedOnlyWithTheInternalTokenAndReadLikeAnyUser() {
        String name = uniqueName("helper");
        assertThat(post("/internal/bot-users", Map.of("username", name)).expect(401).text("code"))
                .isEqualTo("UNAUTHORIZED");

        JsonNode bot = createBot(name);
        assertThat(bot.get("username").asString()).isEqualTo(name);
        assertThat(bot.get("bot").asBoolean()).isTrue();

        JsonNode read = get("/internal/users?ids=" + bot.get("user_id").asString(), INTERNAL, "test-internal-token")
                .expect(200).json();
        assertThat(read.get(0).get("bot").asBoolean()).isTrue();

        // many applications may share a name: the second bot gets a suffix, not a conflict
        JsonNode second = createBot(name.toUpperCase());
        assertThat(second.get("username").asString()).isNotEqualToIgnoringCase(name);
        assertThat(second.get("user_id").asString()).isNotEqualTo(bot.get("user_id").asString());

        Reply invalid = post("/internal/bot-users", Map.of("username", "has space"), INTERNAL, "test-internal-token")
                .expect(400);
        assertThat(invalid.text("code")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aBotCannotLogInAndIsAnsweredAsAWrongPassword() {
        JsonNode bot = createBot(uniqueName("nologin"));
        JsonNode person = newUser("person");
        Reply asBot = login(bot.get("username").asString(), "any password at all").expect(401);
        Reply wrongPassword = login(person.get("username").asString(), "any password at all").expect(401);
        assertThat(asBot.text("code")).isEqualTo("INVALID_CREDENTIALS").isEqualTo(wrongPassword.text("code"));
        assertThat(asBot.text("detail")).isEqualTo(wrongPassword.text("detail"));
    }

    @Test
    void accountEndpointsRefuseABotEvenWithAnAccessToken() {
        JsonNode bot = createBot(uniqueName("acct"));
        long botId = Snowflake.parse(bot.get("user_id").asString());
        String token = bearer(issuer.issue(botId, bot.get("username").asString()).value());

        JsonNode me = get("/api/v1/users/@me", "Authorization", token).expect(200).json();
        assertThat(me.get("bot").asBoolean()).isTrue();
        assertThat(me.get("email").isNull()).isTrue();

        Reply password = call("PATCH", "/api/v1/users/@me",
                Map.of("password", "x", "new_password", "another sturdy passphrase 7"), "Authorization", token)
                .expect(403);
        assertThat(password.text("code")).isEqualTo("BOT_NOT_ALLOWED");
        Reply email = call("PATCH", "/api/v1/users/@me", Map.of("email", "bot@example.com"), "Authorization", token)
                .expect(403);
        assertThat(email.text("code")).isEqualTo("BOT_NOT_ALLOWED");
        Reply totp = post("/api/v1/users/@me/mfa/totp/enable", null, "Authorization", token).expect(403);
        assertThat(totp.text("code")).isEqualTo("BOT_NOT_ALLOWED");
        Reply verify = post("/api/v1/users/@me/mfa/totp/verify", Map.of("code", "123456"), "Authorization", token)
                .expect(403);
        assertThat(verify.text("code")).isEqualTo("BOT_NOT_ALLOWED");
    }
}
