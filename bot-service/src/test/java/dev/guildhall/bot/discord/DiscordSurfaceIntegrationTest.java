package dev.guildhall.bot.discord;

import dev.guildhall.bot.support.BotEvents;
import dev.guildhall.bot.support.BotPlatformTest;
import dev.guildhall.bot.support.FakeServers;
import dev.guildhall.common.id.Snowflake;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Discord REST surface's routes beyond the first dialect, on the real database, Kafka and auth-service:
 * application commands, interaction answers and webhooks on bot-service's own data (server-service and
 * message-service's write path stood in by {@link FakeServers}), and the translations of the owners' v1 routes
 * (stood in by {@link OwnerStandIn}, which records what the owners were asked).
 */
class DiscordSurfaceIntegrationTest extends BotPlatformTest {

    static final AtomicLong SERVERS = new AtomicLong(9_500_000_000L);
    static final long VIEW_CHANNEL = 1L << 10;
    static final long MANAGE_WEBHOOKS = 1L << 29;
    static final long USE_APPLICATION_COMMANDS = 1L << 31;
    static final OwnerStandIn owners = OwnerStandIn.get();

    @DynamicPropertySource
    static void owners(DynamicPropertyRegistry registry) {
        registry.add("guildhall.discord.server-url", owners::url);
        registry.add("guildhall.discord.message-url", owners::url);
    }

    @Test
    void commandsAreRegisteredInDiscordsShapeOnTheNativeStore() {
        App app = app();
        String global = "/api/v10/applications/" + app.id() + "/commands";

        JsonNode created = bot("POST", global, Map.of("name", "echo", "description", "Says it back", "type", 1,
                "default_member_permissions", "0", "dm_permission", false, "contexts", List.of(0),
                "options", List.of(Map.of("type", 3, "name", "text", "description", "what", "required", true,
                        "min_length", 1))), "Authorization", app.bot()).expect(201).json();
        assertThat(created.get("application_id").asString()).isEqualTo(app.id());
        assertThat(created.has("guild_id")).isFalse();
        assertThat(created.get("type").asInt()).isEqualTo(1);
        assertThat(created.get("options").get(0).get("required").asBoolean()).isTrue();
        assertThat(created.get("version").asString()).isNotEmpty();
        // the native API sees the same command: one store
        assertThat(bot("GET", "/api/v1/applications/" + app.id() + "/commands", null, "Authorization", app.bot())
                .expect(200).json().get(0).get("command_id").asString()).isEqualTo(created.get("id").asString());

        JsonNode overwritten = bot("PUT", global, List.of(Map.of("name", "echo", "description", "Again"),
                Map.of("name", "ping", "description", "Pong")), "Authorization", app.bot()).expect(200).json();
        assertThat(overwritten).extracting(c -> c.get("name").asString()).containsExactly("echo", "ping");
        assertThat(overwritten.get(0).get("id").asString()).isEqualTo(created.get("id").asString());
        String ping = overwritten.get(1).get("id").asString();
        assertThat(bot("GET", global + "/" + ping, null, "Authorization", app.bot()).expect(200).json()
                .get("description").asString()).isEqualTo("Pong");
        bot("DELETE", global + "/" + ping, null, "Authorization", app.bot()).expect(204);
        Reply gone = bot("DELETE", global + "/" + ping, null, "Authorization", app.bot()).expect(404);
        assertThat(gone.json().get("code").asInt()).isEqualTo(10063);

        Reply invalid = bot("POST", global, Map.of("name", "Has Spaces", "description", "x"), "Authorization", app.bot())
                .expect(400);
        assertThat(invalid.json().get("code").asInt()).isEqualTo(50035);
        assertThat(invalid.json().has("errors")).isTrue();

        long server = SERVERS.addAndGet(10);
        FakeServers.get().member(server, app.botUserId(), VIEW_CHANNEL);
        JsonNode inGuild = bot("POST", "/api/v9/applications/" + app.id() + "/guilds/" + server + "/commands",
                Map.of("name", "local", "description", "Only here"), "Authorization", app.bot()).expect(201).json();
        assertThat(inGuild.get("guild_id").asString()).isEqualTo(Long.toString(server));
        assertThat(bot("GET", "/api/v10/applications/" + app.id() + "/guilds/" + server + "/commands", null,
                "Authorization", app.bot()).expect(200).json()).extracting(c -> c.get("name").asString())
                .containsExactly("local");
    }

    @Test
    void aBotDefersThenEditsItsOriginalFollowsUpAndDeletesThroughDiscordsRoutes() {
        App app = app();
        long server = SERVERS.addAndGet(10);
        long channel = server + 1;
        String person = newPerson("djsinv");
        FakeServers.get().member(server, app.botUserId(), VIEW_CHANNEL).channel(server, channel)
                .member(server, userId(person), VIEW_CHANNEL | USE_APPLICATION_COMMANDS);
        bot("PUT", "/api/v10/applications/" + app.id() + "/commands", List.of(Map.of("name", "echo",
                "description", "Echo")), "Authorization", app.bot()).expect(200);
        JsonNode d;
        try (BotEvents events = new BotEvents()) {
            bot("POST", "/api/v1/channels/" + channel + "/interactions", Map.of("application_id", app.id(),
                    "name", "echo", "options", List.of()), "Authorization", person).expect(204);
            d = events.await("INTERACTION_CREATE", Duration.ofSeconds(20)).get("data");
        }
        String callback = "/api/v10/interactions/" + d.get("id").asString() + "/" + d.get("token").asString()
                + "/callback";
        String webhook = "/api/v10/webhooks/" + app.id() + "/" + d.get("token").asString();

        Reply badType = bot("POST", callback, Map.of("type", "4")).expect(400);
        assertThat(badType.json().get("code").asInt()).isEqualTo(50035);
        // no Authorization: the interaction's token is the credential
        bot("POST", callback + "?with_response=false", Map.of("type", 5)).expect(204);
        assertThat(bot("POST", callback, Map.of("type", 4, "data", Map.of("content", "twice"))).expect(400).json()
                .get("code").asInt()).isEqualTo(40060);

        JsonNode original = bot("PATCH", webhook + "/messages/@original", Map.of("content", "done",
                "allowed_mentions", Map.of("parse", List.of()))).expect(200).json();
        assertThat(original.get("content").asString()).isEqualTo("done");
        assertThat(original.get("channel_id").asString()).isEqualTo(Long.toString(channel));
        String originalId = original.get("id").asString();
        assertThat(bot("GET", webhook + "/messages/@original", null).expect(200).json().get("id").asString())
                .isEqualTo(originalId);

        JsonNode followUp = bot("POST", webhook + "?wait=true", Map.of("content", "and more")).expect(200).json();
        assertThat(followUp.get("content").asString()).isEqualTo("and more");
        assertThat(followUp.get("id").asString()).isNotEqualTo(originalId);

        bot("DELETE", webhook + "/messages/@original", null).expect(204);
        assertThat(FakeServers.get().writes).anySatisfy(w -> {
            assertThat(w.get("method")).isEqualTo("DELETE");
            assertThat(w.get("message_id")).isEqualTo(originalId);
        });
        assertThat(bot("POST", "/api/v10/webhooks/" + app.id() + "/aW50ZXJhY3Rpb246nope", Map.of("content", "x"))
                .expect(404).json().get("code").asInt()).isEqualTo(10062);
    }

    @Test
    void aBotCreatesAWebhookThatAnyoneWithItsUrlExecutesInDiscordsShape() {
        App app = app();
        long server = SERVERS.addAndGet(10);
        long channel = server + 1;
        FakeServers.get().member(server, app.botUserId(), VIEW_CHANNEL | MANAGE_WEBHOOKS).channel(server, channel);

        JsonNode hook = bot("POST", "/api/v10/channels/" + channel + "/webhooks", Map.of("name", "Alerts",
                "avatar", "data:image/png;base64,AAAA"), "Authorization", app.bot()).expect(200).json();
        String id = hook.get("id").asString();
        String token = hook.get("token").asString();
        assertThat(hook.get("type").asInt()).isEqualTo(1);
        assertThat(hook.get("guild_id").asString()).isEqualTo(Long.toString(server));
        assertThat(hook.get("channel_id").asString()).isEqualTo(Long.toString(channel));
        assertThat(hook.get("name").asString()).isEqualTo("Alerts");
        JsonNode listed = bot("GET", "/api/v10/channels/" + channel + "/webhooks", null, "Authorization", app.bot())
                .expect(200).json();
        assertThat(listed).extracting(h -> h.get("id").asString()).containsExactly(id);
        assertThat(listed.get(0).has("token")).as("the token is shown once").isFalse();
        assertThat(bot("GET", "/api/v10/guilds/" + server + "/webhooks", null, "Authorization", app.bot())
                .expect(200).json()).hasSize(1);

        // discord.js's WebhookClient: no Authorization, ?wait=true, the fields it always sends
        JsonNode message = bot("POST", "/api/v10/webhooks/" + id + "/" + token + "?wait=true", Map.of(
                "content", "deployed", "username", "CI", "tts", false, "allowed_mentions", Map.of("parse", List.of()),
                "embeds", List.of(Map.of("title", "green")))).expect(200).json();
        assertThat(message.get("content").asString()).isEqualTo("deployed");
        assertThat(message.get("channel_id").asString()).isEqualTo(Long.toString(channel));
        Map<String, Object> written = FakeServers.get().writes.stream()
                .filter(w -> w.get("channel_id").equals(Long.toString(channel))).findFirst().orElseThrow();
        assertThat(written.get("body").toString()).contains("webhook_id=" + id).contains("username=CI")
                .contains("title=green");
        bot("POST", "/api/v9/webhooks/" + id + "/" + token, Map.of("content", "quiet")).expect(204);

        Reply wrong = bot("POST", "/api/v10/webhooks/" + id + "/not-the-token", Map.of("content", "x")).expect(401);
        assertThat(wrong.json().get("code").asInt()).isEqualTo(50027);
        assertThat(bot("POST", "/api/v10/webhooks/" + id + "/" + token, Map.of("content", "")).expect(400).json()
                .get("code").asInt()).isEqualTo(50006);

        String outsider = app().bot();
        assertThat(bot("GET", "/api/v10/channels/" + channel + "/webhooks", null, "Authorization", outsider)
                .expect(404).json().get("code").asInt()).isEqualTo(10003);
        JsonNode fetched = bot("GET", "/api/v10/webhooks/" + id, null, "Authorization", app.bot()).expect(200).json();
        assertThat(fetched.get("name").asString()).isEqualTo("Alerts");
        assertThat(fetched.has("token")).isFalse();
        bot("DELETE", "/api/v10/webhooks/" + id, null, "Authorization", app.bot()).expect(204);
        assertThat(bot("POST", "/api/v10/webhooks/" + id + "/" + token, Map.of("content", "x")).expect(401).json()
                .get("code").asInt()).isEqualTo(50027);
    }

    @Test
    void membersArePagedThroughServerServiceUpToDiscordsLimit() {
        App app = app();
        long guild = SERVERS.addAndGet(10);
        String base = "/api/v1/servers/" + guild + "/members";
        owners.answer("GET " + base + "?limit=100", 200, members(1, 100));
        owners.answer("GET " + base + "?limit=50&after=100", 200, members(101, 20));

        JsonNode page = bot("GET", "/api/v10/guilds/" + guild + "/members?limit=150", null, "Authorization", app.bot())
                .expect(200).json();
        assertThat(page).hasSize(120);
        assertThat(page.get(0).get("user").get("id").asString()).isEqualTo("1");
        assertThat(page.get(119).get("user").get("username").asString()).isEqualTo("m120");
        assertThat(owners.callsTo(base)).extracting(OwnerStandIn.Call::target)
                .containsExactly(base + "?limit=100", base + "?limit=50&after=100");
        assertThat(owners.callsTo(base).get(0).authorization()).as("called as the bot").isEqualTo(app.bot());

        assertThat(bot("GET", "/api/v10/guilds/" + guild + "/members?limit=1001", null, "Authorization", app.bot())
                .expect(400).json().get("code").asInt()).isEqualTo(50035);
    }

    @Test
    void overwritesPinsReactionsAndInvitesTranslateToTheOwnersRoutes() {
        App app = app();
        long channel = SERVERS.addAndGet(10);
        long target = channel + 5;

        bot("PUT", "/api/v10/channels/" + channel + "/permissions/" + target, Map.of("type", 1, "allow", "1024",
                "deny", 2048), "Authorization", app.bot()).expect(204);
        OwnerStandIn.Call put = owners.callsTo("/api/v1/channels/" + channel + "/permissions/" + target).get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(JSON.readTree(put.text())).isEqualTo(JSON.readTree(
                "{\"type\":\"member\",\"allow\":\"1024\",\"deny\":\"2048\"}"));
        assertThat(bot("PUT", "/api/v10/channels/" + channel + "/permissions/" + target, Map.of("type", 2),
                "Authorization", app.bot()).expect(400).json().get("code").asInt()).isEqualTo(50035);

        owners.answer("GET /api/v1/channels/" + channel + "/pins", 200, "[" + message(channel, 77, "pinned") + "]");
        JsonNode pins = bot("GET", "/api/v10/channels/" + channel + "/messages/pins", null, "Authorization", app.bot())
                .expect(200).json();
        assertThat(pins.get("items").get(0).get("message").get("content").asString()).isEqualTo("pinned");
        assertThat(pins.get("has_more").asBoolean()).isFalse();
        bot("PUT", "/api/v10/channels/" + channel + "/pins/77", null, "Authorization", app.bot()).expect(204);
        assertThat(owners.callsTo("/api/v1/channels/" + channel + "/pins/77")).extracting(OwnerStandIn.Call::method)
                .containsExactly("PUT");

        owners.answer("GET /api/v1/channels/" + channel + "/messages/77/reactions/%F0%9F%91%8D?limit=25", 200,
                "[{\"user_id\":\"5\",\"username\":\"eve\",\"avatar_url\":null,\"bot\":false}]");
        JsonNode users = bot("GET", "/api/v10/channels/" + channel + "/messages/77/reactions/%F0%9F%91%8D", null,
                "Authorization", app.bot()).expect(200).json();
        assertThat(users.get(0).get("id").asString()).isEqualTo("5");
        assertThat(users.get(0).get("username").asString()).isEqualTo("eve");
        assertThat(bot("DELETE", "/api/v10/channels/" + channel + "/messages/77/reactions/%F0%9F%91%8D/5", null,
                "Authorization", app.bot()).expect(403).json().get("code").asInt()).isEqualTo(50013);

        owners.answer("POST /api/v1/channels/" + channel + "/invites", 200, "{\"code\":\"abc\",\"server_id\":\"3\","
                + "\"channel_id\":\"" + channel + "\",\"inviter_id\":\"9\",\"max_age\":3600,\"max_uses\":0,\"uses\":0}");
        JsonNode invite = bot("POST", "/api/v10/channels/" + channel + "/invites", Map.of("max_age", 3600,
                "temporary", false, "unique", true), "Authorization", app.bot()).expect(200).json();
        assertThat(invite.get("code").asString()).isEqualTo("abc");
        assertThat(invite.get("guild").get("id").asString()).isEqualTo("3");
        assertThat(JSON.readTree(owners.callsTo("/api/v1/channels/" + channel + "/invites").get(0).text()))
                .isEqualTo(JSON.readTree("{\"max_age\":3600}"));
    }

    @Test
    void bulkDeleteChecksDiscordsRulesFirstThenDeletesEachMessage() {
        App app = app();
        long channel = SERVERS.addAndGet(10);
        long recent = Snowflake.compose(Instant.now().minusSeconds(60).toEpochMilli(), 1, 0);
        long old = Snowflake.compose(Instant.now().minus(Duration.ofDays(15)).toEpochMilli(), 1, 0);
        String path = "/api/v10/channels/" + channel + "/messages/bulk-delete";

        assertThat(bot("POST", path, Map.of("messages", List.of(Long.toString(recent))), "Authorization", app.bot())
                .expect(400).json().get("code").asInt()).isEqualTo(50035);
        assertThat(bot("POST", path, Map.of("messages", List.of(Long.toString(recent), Long.toString(old))),
                "Authorization", app.bot()).expect(400).json().get("code").asInt()).isEqualTo(50034);
        assertThat(owners.callsTo("/api/v1/channels/" + channel + "/messages")).as("nothing deleted").isEmpty();

        owners.answer("DELETE /api/v1/channels/" + channel + "/messages/" + (recent + 1), 404,
                "{\"code\":\"UNKNOWN_MESSAGE\"}");
        bot("POST", path, Map.of("messages", List.of(Long.toString(recent), Long.toString(recent + 1))),
                "Authorization", app.bot()).expect(204);
        assertThat(owners.callsTo("/api/v1/channels/" + channel + "/messages")).extracting(OwnerStandIn.Call::method)
                .containsExactly("DELETE", "DELETE");
    }

    @Test
    void aMultipartSendStreamsItsFilesToMessageServiceWithPayloadJsonTranslated() {
        App app = app();
        long channel = SERVERS.addAndGet(10);
        owners.answer("POST /api/v1/channels/" + channel + "/messages", 200, "{\"message_id\":\"88\",\"channel_id\":\""
                + channel + "\",\"user_id\":\"" + app.botUserId() + "\",\"content\":\"a file\",\"created_at\":"
                + "\"2026-12-06T12:00:00Z\",\"attachments\":[{\"attachment_id\":\"99\",\"filename\":\"notes.txt\","
                + "\"content_type\":\"text/plain\",\"size\":5,\"url\":\"https://x/a\",\"proxy_url\":\"https://x/a\"}]}");
        String boundary = "djs-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"notes.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"content\":\"a file\",\"tts\":false,\"message_reference\":{\"message_id\":\"42\"},"
                + "\"attachments\":[{\"id\":0,\"filename\":\"notes.txt\"}]}\r\n--" + boundary + "--\r\n";

        HttpResponse<String> response = multipart("/api/v10/channels/" + channel + "/messages", boundary, body,
                app.bot());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode message = JSON.readTree(response.body());
        assertThat(message.get("id").asString()).isEqualTo("88");
        assertThat(message.get("attachments").get(0).get("id").asString()).isEqualTo("99");
        assertThat(message.get("attachments").get(0).get("filename").asString()).isEqualTo("notes.txt");

        OwnerStandIn.Call sent = owners.callsTo("/api/v1/channels/" + channel + "/messages").get(0);
        assertThat(sent.contentType()).startsWith("multipart/form-data;").contains("boundary=guildhall-");
        assertThat(sent.authorization()).isEqualTo(app.bot());
        String relayed = sent.text();
        assertThat(relayed).contains("name=\"files[0]\"; filename=\"notes.txt\"")
                .contains("Content-Type: text/plain\r\n\r\nhello\r\n");
        String payload = relayed.substring(relayed.indexOf("name=\"payload_json\""));
        payload = payload.substring(payload.indexOf("\r\n\r\n") + 4, payload.indexOf("\r\n--"));
        assertThat(JSON.readTree(payload)).isEqualTo(JSON.readTree("{\"content\":\"a file\",\"reply_to\":\"42\","
                + "\"attachments\":[{\"id\":\"0\",\"filename\":\"notes.txt\"}]}"));
    }

    private HttpResponse<String> multipart(String path, String boundary, String body, String auth) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", auth).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String members(int from, int count) {
        StringBuilder out = new StringBuilder("[");
        for (int i = from; i < from + count; i++) {
            out.append(i == from ? "" : ",").append("{\"user_id\":\"").append(i).append("\",\"user\":{\"user_id\":\"")
                    .append(i).append("\",\"username\":\"m").append(i).append("\"},\"roles\":[],\"joined_at\":")
                    .append("\"2026-01-01T00:00:00Z\"}");
        }
        return out.append("]").toString();
    }

    private static String message(long channel, long id, String content) {
        return "{\"message_id\":\"" + id + "\",\"channel_id\":\"" + channel + "\",\"user_id\":\"1\",\"content\":\""
                + content + "\",\"created_at\":\"2026-12-06T12:00:00Z\"}";
    }
}
