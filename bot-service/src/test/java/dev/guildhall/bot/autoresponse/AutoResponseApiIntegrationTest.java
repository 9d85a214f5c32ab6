package dev.guildhall.bot.autoresponse;

import dev.guildhall.bot.support.IntegrationTest;
import dev.guildhall.bot.support.StandInServices;
import dev.guildhall.common.permission.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-response API: who may manage them, what a rule may say, the cap per server. */
class AutoResponseApiIntegrationTest extends IntegrationTest {

    private final StandInServices servers = StandInServices.get();
    private long serverId;
    private String manager;
    private String path;

    @BeforeEach
    void server() {
        serverId = ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L, 200_000_000_000_000_000L);
        servers.server(serverId, "Tea Club");
        manager = newPerson("mod");
        servers.member(serverId, userId(manager), Permission.of(Permission.MANAGE_SERVER, Permission.VIEW_CHANNEL));
        path = "/api/v1/servers/" + serverId + "/auto-responses";
    }

    static Map<String, Object> rule(String name, String type, String value, Map<String, Object> response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("trigger", Map.of("type", type, "value", value, "case_sensitive", false));
        body.put("response", response);
        return body;
    }

    @Test
    void aManagerCreatesListsChangesAndDeletesRules() {
        JsonNode created = bot("POST", path, rule("Rules", "prefix_command", "!rules",
                Map.of("content", "Be kind, {user}.")), "Authorization", manager).expect(201).json();
        String id = created.get("auto_response_id").asString();
        assertThat(created.get("server_id").asString()).isEqualTo(Long.toString(serverId));
        assertThat(created.get("trigger").get("type").asString()).isEqualTo("prefix_command");
        assertThat(created.get("response").get("content").asString()).isEqualTo("Be kind, {user}.");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("channel_ids")).isEmpty();

        JsonNode listed = bot("GET", path, null, "Authorization", manager).expect(200).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("auto_response_id").asString()).isEqualTo(id);

        JsonNode patched = bot("PATCH", path + "/" + id, Map.of("enabled", false, "channel_ids", List.of("12345")),
                "Authorization", manager).expect(200).json();
        assertThat(patched.get("enabled").asBoolean()).isFalse();
        assertThat(patched.get("channel_ids").get(0).asString()).isEqualTo("12345");
        assertThat(patched.get("name").asString()).isEqualTo("Rules");
        assertThat(patched.get("trigger").get("value").asString()).isEqualTo("!rules");
        assertThat(bot("GET", path + "/" + id, null, "Authorization", manager).expect(200).json()
                .get("enabled").asBoolean()).isFalse();

        bot("DELETE", path + "/" + id, null, "Authorization", manager).expect(204);
        assertThat(bot("GET", path + "/" + id, null, "Authorization", manager).expect(404).code())
                .isEqualTo("UNKNOWN_AUTO_RESPONSE");
        assertThat(bot("GET", path, null, "Authorization", manager).expect(200).json()).isEmpty();
    }

    @Test
    void aNonMemberSeesNoServerAndAMemberWithoutManageServerIsRefused() {
        String id = bot("POST", path, rule("Hi", "keyword", "hello", Map.of("reaction", "👋")),
                "Authorization", manager).expect(201).json().get("auto_response_id").asString();
        String stranger = newPerson("stranger");
        String member = newPerson("member");
        servers.member(serverId, userId(member), Permission.of(Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES));
        String admin = newPerson("admin");
        servers.member(serverId, userId(admin), Permission.of(Permission.ADMINISTRATOR));

        for (Reply reply : List.of(bot("GET", path, null, "Authorization", stranger),
                bot("POST", path, rule("x", "keyword", "x", Map.of("reaction", "👋")), "Authorization", stranger),
                bot("PATCH", path + "/" + id, Map.of("enabled", false), "Authorization", stranger),
                bot("DELETE", path + "/" + id, null, "Authorization", stranger))) {
            assertThat(reply.expect(404).code()).isEqualTo("UNKNOWN_SERVER");
        }
        for (Reply reply : List.of(bot("GET", path, null, "Authorization", member),
                bot("POST", path, rule("x", "keyword", "x", Map.of("reaction", "👋")), "Authorization", member),
                bot("DELETE", path + "/" + id, null, "Authorization", member))) {
            assertThat(reply.expect(403).code()).isEqualTo("MISSING_PERMISSIONS");
        }
        assertThat(bot("GET", path, null, "Authorization", admin).expect(200).json()).hasSize(1);
        assertThat(bot("GET", "/api/v1/servers/123/auto-responses", null, "Authorization", manager).expect(404)
                .code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(bot("GET", path, null).expect(401).code()).isEqualTo("UNAUTHORIZED");
        // another server's rule is unknown here
        long other = serverId + 1;
        servers.server(other, "Other");
        servers.member(other, userId(manager), Permission.of(Permission.MANAGE_SERVER));
        assertThat(bot("GET", "/api/v1/servers/" + other + "/auto-responses/" + id, null, "Authorization", manager)
                .expect(404).code()).isEqualTo("UNKNOWN_AUTO_RESPONSE");
    }

    @Test
    void invalidRulesAreValidationProblemsNamingTheField() {
        Reply badType = bot("POST", path, rule("x", "sometimes", "x", Map.of("content", "y")),
                "Authorization", manager).expect(400);
        assertThat(badType.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(badType.json().get("errors").has("trigger.type")).isTrue();

        Reply badRegex = bot("POST", path, rule("x", "regex", "(unclosed", Map.of("delete_trigger", true)),
                "Authorization", manager).expect(400);
        assertThat(badRegex.json().get("errors").get("trigger.value").asString()).contains("RE2");
        // backreferences need backtracking: RE2 refuses them
        assertThat(bot("POST", path, rule("x", "regex", "(a)\\1", Map.of("delete_trigger", true)),
                "Authorization", manager).expect(400).json().get("errors").has("trigger.value")).isTrue();
        assertThat(bot("POST", path, rule("x", "regex", "a".repeat(301), Map.of("delete_trigger", true)),
                "Authorization", manager).expect(400).json().get("errors").has("trigger.value")).isTrue();
        assertThat(bot("POST", path, rule("x", "prefix_command", "two words", Map.of("content", "y")),
                "Authorization", manager).expect(400).json().get("errors").has("trigger.value")).isTrue();

        Reply nothing = bot("POST", path, rule("x", "keyword", "x", Map.of()), "Authorization", manager).expect(400);
        assertThat(nothing.json().get("errors").has("response")).isTrue();
        assertThat(bot("POST", path, rule("x", "keyword", "x", Map.of("content", "y".repeat(2001))),
                "Authorization", manager).expect(400).json().get("errors").has("response.content")).isTrue();
        assertThat(bot("POST", path, rule("", "keyword", "x", Map.of("content", "y")),
                "Authorization", manager).expect(400).json().get("errors").has("name")).isTrue();
        Map<String, Object> badChannels = rule("x", "keyword", "x", Map.of("content", "y"));
        badChannels.put("channel_ids", List.of("not-an-id"));
        assertThat(bot("POST", path, badChannels, "Authorization", manager).expect(400).json().get("errors")
                .has("channel_ids")).isTrue();
        assertThat(bot("POST", path, "{\"name\":", "Authorization", manager).expect(400).code())
                .isEqualTo("MALFORMED_JSON");
        assertThat(bot("GET", path, null, "Authorization", manager).json()).isEmpty();
    }

    @Test
    void aServerHoldsAtMostTheCap() {
        for (int i = 0; i < 100; i++) {
            bot("POST", path, rule("k" + i, "keyword", "word" + i, Map.of("reaction", "✅")),
                    "Authorization", manager).expect(201);
        }
        Reply over = bot("POST", path, rule("one more", "keyword", "more", Map.of("reaction", "✅")),
                "Authorization", manager).expect(400);
        assertThat(over.code()).isEqualTo("LIMIT_REACHED");
        assertThat(bot("GET", path, null, "Authorization", manager).json()).hasSize(100);
    }
}
