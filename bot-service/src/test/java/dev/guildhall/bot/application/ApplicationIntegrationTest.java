package dev.guildhall.bot.application;

import dev.guildhall.bot.support.IntegrationTest;
import dev.guildhall.common.security.BotTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationIntegrationTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private JsonNode create(String owner, String name) {
        return bot("POST", "/api/v1/applications", Map.of("name", name), "Authorization", owner).expect(201).json();
    }

    @Test
    void creatingAnApplicationCreatesItsBotUserInAuthService() {
        String owner = newPerson("owner");
        JsonNode app = create(owner, "Deploy Helper!");
        assertThat(app.get("name").asString()).isEqualTo("Deploy Helper!");
        assertThat(app.get("description").asString()).isEmpty();
        assertThat(app.get("flags").asLong()).isZero();
        JsonNode botUser = app.get("bot");
        assertThat(botUser.get("bot").asBoolean()).isTrue();
        assertThat(botUser.get("username").asString()).startsWith("Deploy_Helper");
        assertThat(botUser.get("user_id").asString()).isNotEqualTo(app.get("application_id").asString());

        JsonNode users = auth("GET", "/internal/users?ids=" + botUser.get("user_id").asString(), null, internal())
                .expect(200).json();
        assertThat(users.get(0).get("username").asString()).isEqualTo(botUser.get("username").asString());
        assertThat(users.get(0).get("bot").asBoolean()).isTrue();

        JsonNode me = auth("GET", "/api/v1/users/@me", null, "Authorization", owner).expect(200).json();
        assertThat(app.get("owner_id").asString()).isEqualTo(me.get("user_id").asString());

        JsonNode mine = bot("GET", "/api/v1/applications", null, "Authorization", owner).expect(200).json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("application_id").asString()).isEqualTo(app.get("application_id").asString());
        assertThat(mine.get(0).get("bot").get("username").asString()).isEqualTo(botUser.get("username").asString());
    }

    @Test
    void anotherPersonsApplicationIsUnknown() {
        String owner = newPerson("owner");
        String stranger = newPerson("stranger");
        String path = "/api/v1/applications/" + create(owner, "Mine").get("application_id").asString();

        for (Reply reply : List.of(bot("GET", path, null, "Authorization", stranger),
                bot("PATCH", path, Map.of("name", "Theirs"), "Authorization", stranger),
                bot("DELETE", path, null, "Authorization", stranger),
                bot("POST", path + "/bot/token", null, "Authorization", stranger))) {
            assertThat(reply.expect(404).code()).isEqualTo("UNKNOWN_APPLICATION");
        }
        assertThat(bot("GET", "/api/v1/applications", null, "Authorization", stranger).expect(200).json()).isEmpty();
        assertThat(bot("GET", path, null, "Authorization", owner).expect(200).json().get("name").asString())
                .isEqualTo("Mine");
        assertThat(bot("GET", path, null).expect(401).code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void patchChangesNameDescriptionAndPrivilegedIntentFlagsOnly() {
        String owner = newPerson("owner");
        String path = "/api/v1/applications/" + create(owner, "Switches").get("application_id").asString();
        long intents = (1L << 12) | (1L << 14) | (1L << 18);

        JsonNode patched = bot("PATCH", path, Map.of("description", "counts things", "flags", intents),
                "Authorization", owner).expect(200).json();
        assertThat(patched.get("flags").asLong()).isEqualTo(intents);
        assertThat(patched.get("description").asString()).isEqualTo("counts things");
        assertThat(patched.get("name").asString()).isEqualTo("Switches");

        Reply otherBits = bot("PATCH", path, Map.of("flags", 1L << 3), "Authorization", owner).expect(400);
        assertThat(otherBits.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(otherBits.json().get("errors").has("flags")).isTrue();
        assertThat(bot("GET", path, null, "Authorization", owner).json().get("flags").asLong()).isEqualTo(intents);
    }

    @Test
    void invalidRequestsAreValidationProblems() {
        String owner = newPerson("owner");
        Reply blank = bot("POST", "/api/v1/applications", Map.of("name", " "), "Authorization", owner).expect(400);
        assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(blank.json().get("errors").has("name")).isTrue();
        assertThat(bot("POST", "/api/v1/applications", Map.of("name", "x".repeat(101)), "Authorization", owner)
                .expect(400).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(bot("POST", "/api/v1/applications", "{\"name\":", "Authorization", owner)
                .expect(400).code()).isEqualTo("MALFORMED_JSON");
        assertThat(bot("GET", "/api/v1/applications/not-an-id", null, "Authorization", owner)
                .expect(400).code()).isEqualTo("INVALID_ID");
    }

    @Test
    void aNewTokenRevokesTheOldOneAndOnlyItsHashIsStored() {
        String owner = newPerson("owner");
        JsonNode app = create(owner, "Rotator");
        String path = "/api/v1/applications/" + app.get("application_id").asString() + "/bot/token";
        String first = bot("POST", path, null, "Authorization", owner).expect(200).json().get("token").asString();
        assertThat(BotTokens.claimedUserId(first).getAsLong())
                .isEqualTo(Long.parseLong(app.get("bot").get("user_id").asString()));
        assertThat(first.substring(first.indexOf('.') + 1)).hasSizeGreaterThanOrEqualTo(32);

        JsonNode verified = bot("POST", BotTokens.VERIFY_PATH, Map.of("token", first), internal()).expect(200).json();
        assertThat(verified.get("user_id").asString()).isEqualTo(app.get("bot").get("user_id").asString());
        assertThat(verified.get("application_id").asString()).isEqualTo(app.get("application_id").asString());
        assertThat(verified.get("flags").asLong()).isZero();

        String second = bot("POST", path, null, "Authorization", owner).expect(200).json().get("token").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(bot("POST", BotTokens.VERIFY_PATH, Map.of("token", first), internal()).status()).isEqualTo(404);
        bot("POST", BotTokens.VERIFY_PATH, Map.of("token", second), internal()).expect(200);
        // a forged secret behind a real bot id does not verify
        String forged = second.substring(0, second.indexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(bot("POST", BotTokens.VERIFY_PATH, Map.of("token", forged), internal()).status()).isEqualTo(404);
        assertThat(bot("POST", BotTokens.VERIFY_PATH, Map.of("token", second)).status()).isEqualTo(401);

        byte[] stored = jdbc.sql("SELECT token_hash FROM bot_applications WHERE application_id = :id")
                .param("id", Long.parseLong(app.get("application_id").asString())).query(byte[].class).single();
        assertThat(stored).isEqualTo(BotTokens.hash(second));

        // the bot authenticates with its token, but applications are managed by people
        assertThat(bot("GET", "/api/v1/applications", null, "Authorization", "Bot " + second).expect(403).code())
                .isEqualTo("BOT_NOT_ALLOWED");
        assertThat(bot("GET", "/api/v1/applications", null, "Authorization", "Bot " + first).expect(401).code())
                .isEqualTo("INVALID_TOKEN");

        // deleting the application revokes its token with it
        bot("DELETE", "/api/v1/applications/" + app.get("application_id").asString(), null, "Authorization", owner)
                .expect(204);
        assertThat(bot("POST", BotTokens.VERIFY_PATH, Map.of("token", second), internal()).status()).isEqualTo(404);
    }

    @Test
    void internalApplicationLookup() {
        String owner = newPerson("owner");
        JsonNode app = create(owner, "Lookup");
        JsonNode found = bot("GET", "/internal/applications/" + app.get("application_id").asString(), null,
                internal()).expect(200).json();
        assertThat(found.get("bot_user_id").asString()).isEqualTo(app.get("bot").get("user_id").asString());
        assertThat(found.get("owner_id").asString()).isEqualTo(app.get("owner_id").asString());
        assertThat(found.get("name").asString()).isEqualTo("Lookup");
        assertThat(bot("GET", "/internal/applications/123", null, internal()).expect(404).code())
                .isEqualTo("UNKNOWN_APPLICATION");
    }
}
