package dev.guildhall.bot.command;

import dev.guildhall.bot.support.BotPlatformTest;
import dev.guildhall.bot.support.FakeServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering slash commands as a bot, on the real database and auth-service; server-service stood in. */
class CommandIntegrationTest extends BotPlatformTest {

    static final AtomicLong SERVERS = new AtomicLong(9_100_000_000L);
    static final long USE_APPLICATION_COMMANDS = 1L << 31;
    static final long VIEW_CHANNEL = 1L << 10;

    @Test
    void aBotRegistersOverwritesAndDeletesItsGlobalCommands() {
        App app = app();
        String path = "/api/v1/applications/" + app.id() + "/commands";

        JsonNode created = bot("POST", path, echo("Says it back"), "Authorization", app.bot()).expect(201).json();
        assertThat(created.get("id").asString()).isEqualTo(created.get("command_id").asString());
        assertThat(created.get("application_id").asString()).isEqualTo(app.id());
        assertThat(created.get("server_id").isNull()).isTrue();
        assertThat(created.get("options").get(0).get("type").asInt()).isEqualTo(3);
        assertThat(created.get("options").get(0).get("required").asBoolean()).isTrue();

        // the same name again replaces it, keeping its id
        JsonNode replaced = bot("POST", path, echo("Repeats you"), "Authorization", app.bot()).expect(200).json();
        assertThat(replaced.get("id").asString()).isEqualTo(created.get("id").asString());
        assertThat(replaced.get("description").asString()).isEqualTo("Repeats you");

        JsonNode stored = bot("PUT", path, List.of(echo("Says it back"), Map.of("name", "ping", "description", "Pong",
                "options", List.of(Map.of("type", 4, "name", "times", "description", "how often",
                        "choices", List.of(Map.of("name", "once", "value", 1), Map.of("name", "twice", "value", 2)))))),
                "Authorization", app.bot()).expect(200).json();
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).get("id").asString()).isEqualTo(created.get("id").asString());
        String ping = stored.get(1).get("id").asString();
        assertThat(stored.get(1).get("options").get(0).get("choices")).hasSize(2);

        // the owner sees them too
        assertThat(bot("GET", path, null, "Authorization", app.owner()).expect(200).json())
                .extracting(c -> c.get("name").asString()).containsExactly("echo", "ping");

        bot("DELETE", path + "/" + ping, null, "Authorization", app.bot()).expect(204);
        assertThat(bot("DELETE", path + "/" + ping, null, "Authorization", app.bot()).expect(404).code())
                .isEqualTo("UNKNOWN_COMMAND");
        assertThat(bot("GET", path, null, "Authorization", app.bot()).expect(200).json())
                .extracting(c -> c.get("name").asString()).containsExactly("echo");

        // a bulk overwrite with nothing removes everything
        assertThat(bot("PUT", path, List.of(), "Authorization", app.bot()).expect(200).json()).isEmpty();
        assertThat(bot("GET", path, null, "Authorization", app.bot()).expect(200).json()).isEmpty();
    }

    @Test
    void commandsBreakingDiscordsRulesAreRefusedWithEveryReason() {
        App app = app();
        String path = "/api/v1/applications/" + app.id() + "/commands";

        Reply upper = bot("POST", path, Map.of("name", "Echo", "description", "x"), "Authorization", app.bot());
        assertThat(upper.expect(400).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(upper.json().get("errors").has("name")).isTrue();

        Reply options = bot("POST", path, Map.of("name", "roll", "description", "", "options", List.of(
                Map.of("type", 9, "name", "who", "description", "d"),
                Map.of("type", 3, "name", "later", "description", "d"),
                Map.of("type", 3, "name", "first", "description", "d", "required", true),
                Map.of("type", 5, "name", "flag", "description", "d", "choices", List.of(Map.of("name", "y", "value", true))),
                Map.of("type", 4, "name", "count", "description", "d", "choices", List.of(Map.of("name", "a", "value", "one"))))),
                "Authorization", app.bot());
        assertThat(options.expect(400).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(options.json().get("errors").propertyNames()).contains("description", "options[0].type",
                "options[2].required", "options[3].choices", "options[4].choices[0].value");

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(Map.of("type", 3, "name", "o" + i, "description", "d"));
        }
        assertThat(bot("POST", path, Map.of("name", "many", "description", "d", "options", many),
                "Authorization", app.bot()).expect(400).json().get("errors").has("options")).isTrue();

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Map.of("name", "c" + i, "description", "d"));
        }
        assertThat(bot("PUT", path, tooMany, "Authorization", app.bot()).expect(400).code()).isEqualTo("LIMIT_REACHED");
        assertThat(bot("GET", path, null, "Authorization", app.bot()).expect(200).json()).isEmpty();
    }

    @Test
    void onlyTheApplicationsBotAndOwnerManageItsCommands() {
        App app = app();
        App other = app();
        String path = "/api/v1/applications/" + app.id() + "/commands";
        for (String stranger : List.of(other.bot(), other.owner())) {
            assertThat(bot("POST", path, echo("x"), "Authorization", stranger).expect(404).code())
                    .isEqualTo("UNKNOWN_APPLICATION");
            assertThat(bot("GET", path, null, "Authorization", stranger).expect(404).code())
                    .isEqualTo("UNKNOWN_APPLICATION");
        }
        bot("POST", path, echo("x"), "Authorization", app.owner()).expect(201);
    }

    @Test
    void serverCommandsNeedTheBotThereAndMembersListWhatTheyCanUse() {
        App app = app();
        long server = SERVERS.addAndGet(10);
        String member = newPerson("member");
        String muted = newPerson("muted");
        String stranger = newPerson("stranger");
        String serverPath = "/api/v1/applications/" + app.id() + "/servers/" + server + "/commands";

        FakeServers.get().member(server, userId(member), VIEW_CHANNEL | USE_APPLICATION_COMMANDS)
                .member(server, userId(muted), VIEW_CHANNEL);
        assertThat(bot("POST", serverPath, echo("here"), "Authorization", app.bot()).expect(404).code())
                .isEqualTo("UNKNOWN_SERVER");

        FakeServers.get().member(server, app.botUserId(), VIEW_CHANNEL);
        bot("POST", "/api/v1/applications/" + app.id() + "/commands", Map.of("name", "help", "description", "Help"),
                "Authorization", app.bot()).expect(201);
        JsonNode local = bot("POST", serverPath, echo("Only here"), "Authorization", app.bot()).expect(201).json();
        assertThat(local.get("server_id").asString()).isEqualTo(Long.toString(server));

        String usable = "/api/v1/servers/" + server + "/commands";
        assertThat(bot("GET", usable, null, "Authorization", member).expect(200).json())
                .extracting(c -> c.get("name").asString()).containsExactlyInAnyOrder("echo", "help");
        // which bot each command belongs to, for the composer's list
        assertThat(bot("GET", usable, null, "Authorization", member).expect(200).json())
                .extracting(c -> c.get("application_name").asString()).containsOnly("Echo");
        assertThat(local.has("application_name")).isFalse();
        // without USE_APPLICATION_COMMANDS there is nothing to use; outside the server there is no server
        assertThat(bot("GET", usable, null, "Authorization", muted).expect(200).json()).isEmpty();
        assertThat(bot("GET", usable, null, "Authorization", stranger).expect(404).code()).isEqualTo("UNKNOWN_SERVER");
    }
}
