package dev.guildhall.bot.webhook;

import dev.guildhall.bot.support.IntegrationTest;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks against the real database, Redis and auth-service, with stand-ins for server-service's
 * permissions and message-service's write path ({@link WebhookStandIns}).
 */
class WebhookIntegrationTest extends IntegrationTest {

    static final WebhookStandIns fleet = WebhookStandIns.get();

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("guildhall.bot.server-url", fleet::url);
        registry.add("guildhall.bot.message-url", fleet::url);
        registry.add("guildhall.redis.url", () -> TestInfrastructure.get().redisUrl());
        // the limit's arithmetic is under test, not a loaded machine's Redis latency (production: 500 ms)
        registry.add("guildhall.redis.command-timeout", () -> "3s");
        registry.add("guildhall.bot.webhooks.public-url", () -> "https://chat.example.org");
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.get().kafkaBootstrap());
    }

    /** A person: their Authorization header and user id. */
    record Person(String auth, long id) {
    }

    static Person person(String prefix) {
        String auth = newPerson(prefix);
        long id = Long.parseLong(auth("GET", "/api/v1/users/@me", null, "Authorization", auth).expect(200).json()
                .get("user_id").asString());
        return new Person(auth, id);
    }

    private JsonNode create(Person who, long channel, String name) {
        return bot("POST", "/api/v1/channels/" + channel + "/webhooks", Map.of("name", name), "Authorization", who.auth())
                .expect(201).json();
    }

    private Reply execute(String webhookId, String token, String query, Object body) {
        return bot("POST", "/api/v1/webhooks/" + webhookId + "/" + token + query, body);
    }

    @Test
    void aManagerCreatesListsRenamesAndDeletesWebhooks() {
        long[] sc = fleet.serverWithChannel();
        Person admin = person("hooks");
        fleet.member(sc[0], admin.id(), Permission.VIEW_CHANNEL, Permission.MANAGE_WEBHOOKS);

        JsonNode hook = create(admin, sc[1], "  Grafana  ");
        String id = hook.get("webhook_id").asString();
        String token = hook.get("token").asString();
        assertThat(hook.get("name").asString()).isEqualTo("Grafana");
        assertThat(hook.get("channel_id").asString()).isEqualTo(Long.toString(sc[1]));
        assertThat(hook.get("server_id").asString()).isEqualTo(Long.toString(sc[0]));
        assertThat(hook.get("creator_id").asString()).isEqualTo(Long.toString(admin.id()));
        assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(hook.get("url").asString()).isEqualTo("https://chat.example.org/api/v1/webhooks/" + id + "/" + token);

        JsonNode listed = bot("GET", "/api/v1/channels/" + sc[1] + "/webhooks", null, "Authorization", admin.auth())
                .expect(200).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("webhook_id").asString()).isEqualTo(id);
        assertThat(listed.get(0).get("token").isNull()).as("the token is shown once").isTrue();
        assertThat(bot("GET", "/api/v1/servers/" + sc[0] + "/webhooks", null, "Authorization", admin.auth())
                .expect(200).json()).hasSize(1);

        JsonNode renamed = bot("PATCH", "/api/v1/webhooks/" + id, Map.of("name", "Alerts",
                "avatar_url", "https://example.com/a.png"), "Authorization", admin.auth()).expect(200).json();
        assertThat(renamed.get("name").asString()).isEqualTo("Alerts");
        assertThat(renamed.get("avatar_url").asString()).isEqualTo("https://example.com/a.png");
        assertThat(bot("PATCH", "/api/v1/webhooks/" + id, Map.of("name", ""), "Authorization", admin.auth())
                .expect(400).code()).isEqualTo("VALIDATION_FAILED");

        // the token still works after a rename; not after a delete
        execute(id, token, "", Map.of("content", "still here")).expect(204);
        bot("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", admin.auth()).expect(204);
        assertThat(execute(id, token, "", Map.of("content", "gone")).expect(401).code()).isEqualTo("INVALID_TOKEN");
        assertThat(bot("PATCH", "/api/v1/webhooks/" + id, Map.of("name", "x"), "Authorization", admin.auth())
                .expect(404).code()).isEqualTo("UNKNOWN_WEBHOOK");
    }

    @Test
    void aMemberWithoutManageWebhooksIs403AndANonMember404() {
        long[] sc = fleet.serverWithChannel();
        Person admin = person("hooks");
        Person member = person("member");
        Person stranger = person("stranger");
        fleet.member(sc[0], admin.id(), Permission.VIEW_CHANNEL, Permission.MANAGE_WEBHOOKS);
        fleet.member(sc[0], member.id(), Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES);
        String id = create(admin, sc[1], "CI").get("webhook_id").asString();

        for (Reply reply : List.of(
                bot("POST", "/api/v1/channels/" + sc[1] + "/webhooks", Map.of("name", "x"), "Authorization", member.auth()),
                bot("GET", "/api/v1/channels/" + sc[1] + "/webhooks", null, "Authorization", member.auth()),
                bot("GET", "/api/v1/servers/" + sc[0] + "/webhooks", null, "Authorization", member.auth()),
                bot("PATCH", "/api/v1/webhooks/" + id, Map.of("name", "x"), "Authorization", member.auth()),
                bot("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", member.auth()))) {
            assertThat(reply.expect(403).code()).isEqualTo("MISSING_PERMISSIONS");
        }
        assertThat(bot("POST", "/api/v1/channels/" + sc[1] + "/webhooks", Map.of("name", "x"),
                "Authorization", stranger.auth()).expect(404).code()).isEqualTo("UNKNOWN_CHANNEL");
        assertThat(bot("GET", "/api/v1/servers/" + sc[0] + "/webhooks", null, "Authorization", stranger.auth())
                .expect(404).code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(bot("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", stranger.auth())
                .expect(404).code()).isEqualTo("UNKNOWN_WEBHOOK");
        assertThat(bot("POST", "/api/v1/channels/" + fleet.newId() + "/webhooks", Map.of("name", "x"),
                "Authorization", admin.auth()).expect(404).code()).isEqualTo("UNKNOWN_CHANNEL");
        long voice = fleet.channel(sc[0], "voice");
        assertThat(bot("POST", "/api/v1/channels/" + voice + "/webhooks", Map.of("name", "x"),
                "Authorization", admin.auth()).expect(400).code()).isEqualTo("INVALID_CHANNEL_TYPE");
        // managing needs a token; only executing does not
        assertThat(bot("GET", "/api/v1/channels/" + sc[1] + "/webhooks", null).expect(401).code())
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void executingPostsAsTheWebhookWithOrWithoutWaiting() {
        long[] sc = fleet.serverWithChannel();
        Person admin = person("hooks");
        fleet.member(sc[0], admin.id(), Permission.VIEW_CHANNEL, Permission.MANAGE_WEBHOOKS);
        JsonNode hook = create(admin, sc[1], "Deploys");
        String id = hook.get("webhook_id").asString();
        String token = hook.get("token").asString();

        Reply quiet = execute(id, token, "", Map.of("content", "v1.2 is out"));
        quiet.expect(204);
        assertThat(quiet.body()).isEmpty();
        JsonNode first = fleet.writes(sc[1]).get(0).body();
        assertThat(first.get("webhook_id").asString()).isEqualTo(id);
        assertThat(first.get("username").asString()).isEqualTo("Deploys");
        assertThat(first.get("content").asString()).isEqualTo("v1.2 is out");
        assertThat(first.has("author_id")).isFalse();

        Map<String, Object> embed = Map.of("title", "Deployed", "color", 5763719);
        JsonNode waited = execute(id, token, "?wait=true", Map.of("content", "", "username", "Release Bot",
                "avatar_url", "https://example.com/r.png", "embeds", List.of(embed), "tts", false))
                .expect(200).json();
        assertThat(waited.get("webhook_id").asString()).isEqualTo(id);
        assertThat(waited.get("author").get("username").asString()).isEqualTo("Release Bot");
        JsonNode second = fleet.writes(sc[1]).get(1).body();
        assertThat(second.get("avatar_url").asString()).isEqualTo("https://example.com/r.png");
        assertThat(second.get("embeds").get(0).get("title").asString()).isEqualTo("Deployed");

        // message-service's refusal is the caller's 400, with its errors
        Reply tooLong = execute(id, token, "", Map.of("embeds", List.of(Map.of("title", "t".repeat(257)))));
        assertThat(tooLong.expect(400).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooLong.json().get("errors").has("embeds[0].title")).isTrue();

        // the channel was deleted since
        fleet.deleteChannel(sc[1]);
        assertThat(execute(id, token, "", Map.of("content", "anyone?")).expect(404).code()).isEqualTo("UNKNOWN_CHANNEL");
    }

    @Test
    void aWrongTokenIs401AndSaysNothingAboutTheWebhook() {
        long[] sc = fleet.serverWithChannel();
        Person admin = person("hooks");
        fleet.member(sc[0], admin.id(), Permission.VIEW_CHANNEL, Permission.MANAGE_WEBHOOKS);
        JsonNode hook = create(admin, sc[1], "CI");
        String id = hook.get("webhook_id").asString();
        String token = hook.get("token").asString();

        Reply wrong = execute(id, token.substring(1) + "A", "", Map.of("content", "x")).expect(401);
        Reply missing = execute(Long.toString(fleet.newId()), token, "", Map.of("content", "x")).expect(401);
        Reply garbage = execute("not-an-id", token, "", Map.of("content", "x")).expect(401);
        for (Reply reply : List.of(missing, garbage)) {
            assertThat(reply.code()).isEqualTo(wrong.code()).isEqualTo("INVALID_TOKEN");
            assertThat(reply.json().get("detail")).isEqualTo(wrong.json().get("detail"));
        }
        assertThat(fleet.writes(sc[1])).isEmpty();
    }

    @Test
    void aDeletedChannelTakesItsWebhooksWithIt() throws Exception {
        long[] sc = fleet.serverWithChannel();
        long other = fleet.channel(sc[0], "text");
        Person admin = person("hooks");
        fleet.member(sc[0], admin.id(), Permission.VIEW_CHANNEL, Permission.MANAGE_WEBHOOKS);
        create(admin, sc[1], "Doomed");
        create(admin, other, "Survivor");

        String event = JSON.writeValueAsString(Map.of("event_id", Long.toString(fleet.newId()), "type", "CHANNEL_DELETE",
                "server_id", Long.toString(sc[0]), "channel_id", Long.toString(sc[1]),
                "occurred_at", java.time.Instant.now().toString(),
                "data", Map.of("channel_id", Long.toString(sc[1]), "server_id", Long.toString(sc[0]))));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", TestInfrastructure.get().kafkaBootstrap(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName()))) {
            var record = new org.apache.kafka.clients.producer.ProducerRecord<>(
                    dev.guildhall.common.event.Topics.SERVER_EVENTS, Long.toString(sc[0]), event);
            producer.send(record).get();
            producer.send(record).get(); // delivered twice: still fine
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        JsonNode left;
        do {
            Thread.sleep(200);
            left = bot("GET", "/api/v1/servers/" + sc[0] + "/webhooks", null, "Authorization", admin.auth())
                    .expect(200).json();
        } while (left.size() > 1 && System.nanoTime() < deadline);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("name").asString()).isEqualTo("Survivor");
    }

    @Test
    void fiveExecutionsPerTwoSecondsThen429() {
        long[] sc = fleet.serverWithChannel();
        Person admin = person("hooks");
        fleet.member(sc[0], admin.id(), Permission.VIEW_CHANNEL, Permission.MANAGE_WEBHOOKS);
        JsonNode hook = create(admin, sc[1], "Chatty");
        String id = hook.get("webhook_id").asString();
        String token = hook.get("token").asString();

        for (int i = 0; i < 5; i++) {
            execute(id, token, "", Map.of("content", "m" + i)).expect(204);
        }
        Reply limited = execute(id, token, "", Map.of("content", "one too many"));
        assertThat(limited.expect(429).code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.json().get("retry_after").asDouble()).isPositive().isLessThanOrEqualTo(2.0);
        assertThat(fleet.writes(sc[1])).hasSize(5);
    }
}
