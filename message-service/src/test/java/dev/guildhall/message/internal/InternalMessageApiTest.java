package dev.guildhall.message.internal;

import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.EventTap;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The internal write path bot-service uses (ADR 155), and embeds/components on the public one. */
class InternalMessageApiTest extends IntegrationTest {

    static final Map<String, String> INTERNAL = Map.of("X-Guildhall-Internal-Token", StubServices.INTERNAL_TOKEN);
    static final Map<String, Object> EMBED = Map.of("title", "Deploy finished", "description", "**main** is live",
            "color", 3066993, "fields", List.of(Map.of("name", "took", "value", "42 s", "inline", true)),
            "footer", Map.of("text", "ci"), "timestamp", "2026-12-06T10:00:00Z");
    static EventTap tap;

    @BeforeAll
    static void tap() {
        tap = new EventTap(TestInfrastructure.get().kafkaBootstrap());
    }

    @AfterAll
    static void close() {
        tap.close();
    }

    private Api.Response internal(String method, String path, Object body) {
        return api.send(method, path, null, body, INTERNAL);
    }

    private static String internalMessages(long channel) {
        return "/internal/channels/" + channel + "/messages";
    }

    @Test
    void aBotsMessageMayBeJustAnEmbedAndSaysItIsABot() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        long bot = server.bot();

        var sent = internal("POST", internalMessages(channel), Map.of("author_id", Long.toString(bot),
                "embeds", List.of(EMBED), "components", List.of(Map.of("type", 1, "components",
                        List.of(Map.of("type", 2, "style", 1, "label", "Roll back", "custom_id", "rollback"))))));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        JsonNode m = sent.body();
        assertThat(m.path("user_id").asString()).isEqualTo(Long.toString(bot));
        assertThat(m.path("author").path("bot").asBoolean()).isTrue();
        assertThat(m.path("content").asString()).isEmpty();
        assertThat(m.path("webhook_id").isNull()).isTrue();
        assertThat(m.path("interaction").isNull()).isTrue();
        JsonNode embed = m.path("embeds").get(0);
        assertThat(embed.path("type").asString()).isEqualTo("rich");
        assertThat(embed.path("title").asString()).isEqualTo("Deploy finished");
        assertThat(embed.path("fields").get(0).path("inline").asBoolean()).isTrue();
        assertThat(embed.path("footer").path("text").asString()).isEqualTo("ci");
        assertThat(embed.has("image")).isFalse();
        assertThat(m.path("components").get(0).path("components").get(0).path("custom_id").asString())
                .isEqualTo("rollback");

        // people read it like any message, and so does the event
        String id = m.path("message_id").asString();
        var read = api.get(messages(channel) + "/" + id, stub.token(server.owner()));
        assertThat(read.body().path("embeds")).isEqualTo(m.path("embeds"));
        assertThat(read.body().path("author").path("bot").asBoolean()).isTrue();
        var created = tap.await(e -> e.type().equals("MESSAGE_CREATE") && e.data().path("message_id").asString()
                .equals(id), 1, Duration.ofSeconds(10));
        assertThat(created).hasSize(1);
        assertThat(created.get(0).data().path("embeds").get(0).path("title").asString()).isEqualTo("Deploy finished");
        assertThat(created.get(0).data().path("author").path("bot").asBoolean()).isTrue();

        // a person is no bot
        var person = api.post(messages(channel), stub.token(server.owner()), Api.content("thanks"));
        assertThat(person.body().path("author").path("bot").asBoolean()).isFalse();
        assertThat(person.body().path("embeds").isArray()).isTrue();
        assertThat(person.body().path("components").isArray()).isTrue();
    }

    @Test
    void aWebhooksMessageShowsTheWebhookUnderTheNameItGave() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long webhook = stub.newId();

        var sent = internal("POST", internalMessages(channel), Map.of("webhook_id", Long.toString(webhook),
                "username", "Grafana", "avatar_url", "https://example.com/g.png", "content", "CPU high"));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        assertThat(sent.body().path("webhook_id").asString()).isEqualTo(Long.toString(webhook));
        assertThat(sent.body().path("user_id").asString()).isEqualTo(Long.toString(webhook));
        JsonNode author = sent.body().path("author");
        assertThat(author.path("username").asString()).isEqualTo("Grafana");
        assertThat(author.path("avatar_url").asString()).isEqualTo("https://example.com/g.png");
        assertThat(author.path("bot").asBoolean()).isTrue();

        JsonNode history = api.get(messages(channel), stub.token(server.owner())).body();
        assertThat(history.get(0).path("webhook_id").asString()).isEqualTo(Long.toString(webhook));
        assertThat(history.get(0).path("author").path("username").asString()).isEqualTo("Grafana");

        var nameless = internal("POST", internalMessages(channel), Map.of("webhook_id", Long.toString(webhook),
                "content", "x"));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.body().path("errors").has("username")).isTrue();
        var both = internal("POST", internalMessages(channel), Map.of("webhook_id", "1", "author_id", "2",
                "username", "x", "content", "x"));
        assertThat(both.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void anInteractionResponseCarriesItsCommand() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long bot = server.bot();
        long invoker = server.member();
        long interaction = stub.newId();

        var sent = internal("POST", internalMessages(channel), Map.of("author_id", Long.toString(bot),
                "content", "pong", "interaction", Map.of("interaction_id", Long.toString(interaction),
                        "name", "ping", "user_id", Long.toString(invoker))));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        JsonNode meta = api.get(messages(channel) + "/" + sent.text("message_id"), stub.token(invoker)).body()
                .path("interaction");
        assertThat(meta.path("interaction_id").asString()).isEqualTo(Long.toString(interaction));
        assertThat(meta.path("name").asString()).isEqualTo("ping");
        assertThat(meta.path("user_id").asString()).isEqualTo(Long.toString(invoker));
    }

    @Test
    void editAndDeleteAnyMessageOfTheChannel() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        long bot = server.bot();
        String id = internal("POST", internalMessages(channel), Map.of("author_id", Long.toString(bot),
                "content", "deploying…")).text("message_id");

        var edited = internal("PATCH", internalMessages(channel) + "/" + id, Map.of("embeds", List.of(EMBED)));
        assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
        assertThat(edited.text("content")).isEqualTo("deploying…");
        assertThat(edited.body().path("embeds")).hasSize(1);
        assertThat(edited.body().path("edited_at").isNull()).isFalse();

        var update = tap.await(e -> e.type().equals("MESSAGE_UPDATE") && e.data().path("message_id").asString()
                .equals(id), 1, Duration.ofSeconds(10));
        assertThat(update.get(0).data().path("embeds").get(0).path("title").asString()).isEqualTo("Deploy finished");

        // a person's message too (an auto-response deleting its trigger)
        String person = api.post(messages(channel), stub.token(server.owner()), Api.content("spam")).text("message_id");
        assertThat(internal("DELETE", internalMessages(channel) + "/" + person, null).status()).isEqualTo(204);
        assertThat(internal("DELETE", internalMessages(channel) + "/" + id, null).status()).isEqualTo(204);
        assertThat(api.get(messages(channel) + "/" + id, stub.token(server.owner())).code())
                .isEqualTo("UNKNOWN_MESSAGE");
        assertThat(internal("PATCH", internalMessages(channel) + "/" + id, Map.of("content", "x")).code())
                .isEqualTo("UNKNOWN_MESSAGE");
    }

    @Test
    void anUnknownChannelIs404AndTheInternalTokenIsRequired() {
        var unknown = internal("POST", internalMessages(stub.newId()), Map.of("author_id", "1", "content", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_CHANNEL");

        FakeServer server = stub.server();
        long channel = server.channel();
        var anonymous = api.post(internalMessages(channel), null, Map.of("author_id", "1", "content", "x"));
        assertThat(anonymous.status()).isEqualTo(401);
        var asPerson = api.post(internalMessages(channel), stub.token(server.owner()),
                Map.of("author_id", Long.toString(server.owner()), "content", "x"));
        assertThat(asPerson.status()).isEqualTo(401);
    }

    @Test
    void embedLimitsAreA400WithTheFieldOnEveryPath() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());

        var titled = api.post(messages(channel), token, Map.of("embeds", List.of(Map.of("title", "t".repeat(257)))));
        assertThat(titled.status()).isEqualTo(400);
        assertThat(titled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(titled.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(titled.body().path("errors").has("embeds[0].title")).isTrue();

        var eleven = internal("POST", internalMessages(channel), Map.of("author_id", Long.toString(server.owner()),
                "embeds", java.util.Collections.nCopies(11, Map.of("title", "x"))));
        assertThat(eleven.status()).isEqualTo(400);
        assertThat(eleven.body().path("errors").has("embeds")).isTrue();

        var notEmbeds = internal("POST", internalMessages(channel), Map.of("author_id", Long.toString(server.owner()),
                "embeds", "a string"));
        assertThat(notEmbeds.status()).isEqualTo(400);

        var ok = api.post(messages(channel), token, Map.of("content", "", "embeds", List.of(EMBED)));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        var edit = api.patch(messages(channel) + "/" + ok.text("message_id"), token,
                Map.of("embeds", List.of(Map.of("description", "d".repeat(4097)))));
        assertThat(edit.body().path("errors").has("embeds[0].description")).isTrue();
        // emptying a message that has no embed left is refused, as before
        var empty = api.patch(messages(channel) + "/" + ok.text("message_id"), token, Map.of("embeds", List.of()));
        assertThat(empty.body().path("errors").has("content")).isTrue();
    }
}
