package dev.guildhall.bot.interaction;

import dev.guildhall.bot.support.BotEvents;
import dev.guildhall.bot.support.BotPlatformTest;
import dev.guildhall.bot.support.FakeServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person invokes a slash command: checked against what they may do and the command's options, the bot hears
 * of it on bot-events (real Kafka), and an unanswered one is reported to the invoker. server-service stood in.
 */
class InteractionIntegrationTest extends BotPlatformTest {

    static final AtomicLong SERVERS = new AtomicLong(9_300_000_000L);
    static final long VIEW_CHANNEL = 1L << 10;
    static final long USE_APPLICATION_COMMANDS = 1L << 31;
    static final Duration WAIT = Duration.ofSeconds(20);

    BotEvents events;

    @BeforeEach
    void listen() {
        events = new BotEvents();
    }

    @AfterEach
    void stop() {
        events.close();
    }

    /** A server with the app's bot, a channel, a person who may use commands; /echo registered globally. */
    record Scene(App app, long server, long channel, String person, long personId) {
    }

    Scene scene() {
        App app = app();
        long server = SERVERS.addAndGet(10);
        long channel = server + 1;
        String person = newPerson("invoker");
        long personId = userId(person);
        FakeServers.get().member(server, app.botUserId(), VIEW_CHANNEL).channel(server, channel)
                .member(server, personId, VIEW_CHANNEL | USE_APPLICATION_COMMANDS);
        bot("POST", "/api/v1/applications/" + app.id() + "/commands", Map.of("name", "echo", "description", "Echo",
                "options", List.of(Map.of("type", 3, "name", "text", "description", "what", "required", true),
                        Map.of("type", 4, "name", "times", "description", "how often"))),
                "Authorization", app.bot()).expect(201);
        return new Scene(app, server, channel, person, personId);
    }

    Reply invoke(Scene s, Object options) {
        return bot("POST", "/api/v1/channels/" + s.channel() + "/interactions",
                Map.of("application_id", s.app().id(), "name", "echo", "options", options),
                "Authorization", s.person());
    }

    @Test
    void theBotReceivesInteractionCreateWithTypedOptionsAndTheInvokerIsToldWhenItDoesNotAnswer() {
        Scene s = scene();
        invoke(s, List.of(Map.of("name", "text", "value", "hello"), Map.of("name", "times", "value", 2))).expect(204);

        JsonNode envelope = events.await("INTERACTION_CREATE", WAIT);
        assertThat(envelope).isNotNull();
        assertThat(envelope.get("recipient_ids")).extracting(JsonNode::asString)
                .containsExactly(Long.toString(s.app().botUserId()));
        JsonNode d = envelope.get("data");
        assertThat(d.get("type").asInt()).isEqualTo(2);
        assertThat(d.get("version").asInt()).isEqualTo(1);
        assertThat(d.get("id").asString()).isEqualTo(d.get("interaction_id").asString());
        assertThat(d.get("application_id").asString()).isEqualTo(s.app().id());
        assertThat(d.get("token").asString()).startsWith("aW50ZXJhY3Rpb246");
        assertThat(d.get("channel_id").asString()).isEqualTo(Long.toString(s.channel()));
        assertThat(d.get("server_id").asString()).isEqualTo(Long.toString(s.server()));
        assertThat(d.get("user_id").asString()).isEqualTo(Long.toString(s.personId()));
        assertThat(d.get("member").get("user").get("user_id").asString()).isEqualTo(Long.toString(s.personId()));
        assertThat(d.get("member").get("permissions").asString())
                .isEqualTo(Long.toString(VIEW_CHANNEL | USE_APPLICATION_COMMANDS));
        assertThat(d.get("data").get("name").asString()).isEqualTo("echo");
        assertThat(d.get("data").get("type").asInt()).isEqualTo(1);
        JsonNode options = d.get("data").get("options");
        assertThat(options.get(0).get("type").asInt()).isEqualTo(3);
        assertThat(options.get(0).get("value").asString()).isEqualTo("hello");
        assertThat(options.get(1).get("type").asInt()).isEqualTo(4);
        assertThat(options.get(1).get("value").asInt()).isEqualTo(2);

        // nobody answers: after 3 s the invoker, and only the invoker, hears it
        JsonNode failed = events.await("INTERACTION_FAILED", WAIT);
        assertThat(failed).isNotNull();
        assertThat(failed.get("recipient_ids")).extracting(JsonNode::asString)
                .containsExactly(Long.toString(s.personId()));
        assertThat(failed.get("data").get("interaction_id").asString()).isEqualTo(d.get("interaction_id").asString());
        // too late now
        assertThat(bot("POST", "/api/v1/interactions/" + d.get("id").asString() + "/" + d.get("token").asString()
                + "/callback", Map.of("type", 4, "data", Map.of("content", "late"))).expect(404).code())
                .isEqualTo("UNKNOWN_INTERACTION");
    }

    @Test
    void theBotAnswersWithItsTokenOnceAndFollowsUp() {
        Scene s = scene();
        invoke(s, List.of(Map.of("name", "text", "value", "hello"))).expect(204);
        JsonNode d = events.await("INTERACTION_CREATE", WAIT).get("data");
        String id = d.get("id").asString();
        String token = d.get("token").asString();
        String callback = "/api/v1/interactions/" + id + "/" + token + "/callback";

        assertThat(bot("POST", "/api/v1/interactions/" + id + "/" + token + "x/callback",
                Map.of("type", 4, "data", Map.of("content", "hello"))).expect(404).code()).isEqualTo("UNKNOWN_INTERACTION");
        assertThat(bot("POST", callback, Map.of("type", 9)).expect(400).code()).isEqualTo("VALIDATION_FAILED");

        // no Authorization: the token is the credential
        bot("POST", callback, Map.of("type", 4, "data", Map.of("content", "hello"))).expect(204);
        Map<String, Object> written = FakeServers.get().writes.stream()
                .filter(w -> w.get("channel_id").equals(Long.toString(s.channel()))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) written.get("body");
        assertThat(body).containsEntry("author_id", Long.toString(s.app().botUserId())).containsEntry("content", "hello");
        assertThat(body.get("interaction")).isEqualTo(Map.of("interaction_id", id, "name", "echo",
                "user_id", Long.toString(s.personId())));

        assertThat(bot("POST", callback, Map.of("type", 4, "data", Map.of("content", "again"))).expect(400).code())
                .isEqualTo("INTERACTION_ALREADY_ACKNOWLEDGED");
        // and no INTERACTION_FAILED follows an answered interaction
        assertThat(events.await("INTERACTION_FAILED", Duration.ofSeconds(5))).isNull();

        String webhook = "/api/v1/webhooks/" + s.app().id() + "/" + token;
        assertThat(bot("GET", webhook + "/messages/@original", null).expect(200).json().get("content").asString())
                .isEqualTo("hello");
        assertThat(bot("PATCH", webhook + "/messages/@original", Map.of("content", "hello, edited")).expect(200).json()
                .get("content").asString()).isEqualTo("hello, edited");
        JsonNode followUp = bot("POST", webhook, Map.of("content", "and more")).expect(200).json();
        assertThat(followUp.get("interaction").get("interaction_id").asString()).isEqualTo(id);
        assertThat(bot("POST", "/api/v1/webhooks/" + s.app().id() + "/aW50ZXJhY3Rpb246nope", Map.of("content", "x"))
                .expect(404).code()).isEqualTo("UNKNOWN_INTERACTION");
    }

    @Test
    void optionsThatDoNotMatchTheCommandAreRefusedWithACode() {
        Scene s = scene();
        Reply missing = invoke(s, List.of(Map.of("name", "times", "value", 1)));
        assertThat(missing.expect(400).code()).isEqualTo("INVALID_COMMAND_OPTIONS");
        assertThat(missing.json().get("errors").has("options.text")).isTrue();

        Reply wrongType = invoke(s, List.of(Map.of("name", "text", "value", "x"), Map.of("name", "times", "value", "two")));
        assertThat(wrongType.expect(400).code()).isEqualTo("INVALID_COMMAND_OPTIONS");
        assertThat(wrongType.json().get("errors").has("options[1].value")).isTrue();

        Reply unknown = invoke(s, List.of(Map.of("name", "text", "value", "x"), Map.of("name", "loud", "value", true)));
        assertThat(unknown.expect(400).code()).isEqualTo("INVALID_COMMAND_OPTIONS");

        Reply noSuchCommand = bot("POST", "/api/v1/channels/" + s.channel() + "/interactions",
                Map.of("application_id", s.app().id(), "name", "nope", "options", List.of()), "Authorization", s.person());
        assertThat(noSuchCommand.expect(404).code()).isEqualTo("UNKNOWN_COMMAND");
        assertThat(events.await("INTERACTION_CREATE", Duration.ofSeconds(2))).isNull();
    }

    @Test
    void theInvokerMustSeeTheChannelAndMayUseCommands() {
        Scene s = scene();
        String muted = newPerson("muted");
        FakeServers.get().member(s.server(), userId(muted), VIEW_CHANNEL);
        Map<String, Object> body = Map.of("application_id", s.app().id(), "name", "echo",
                "options", List.of(Map.of("name", "text", "value", "x")));
        String path = "/api/v1/channels/" + s.channel() + "/interactions";
        assertThat(bot("POST", path, body, "Authorization", muted).expect(403).code()).isEqualTo("MISSING_PERMISSIONS");

        String outsider = newPerson("outsider");
        assertThat(bot("POST", path, body, "Authorization", outsider).expect(404).code()).isEqualTo("UNKNOWN_CHANNEL");

        FakeServers.get().hide(s.channel(), s.personId());
        assertThat(bot("POST", path, body, "Authorization", s.person()).expect(404).code()).isEqualTo("UNKNOWN_CHANNEL");

        assertThat(bot("POST", path, body, "Authorization", s.app().bot()).expect(403).code()).isEqualTo("BOT_NOT_ALLOWED");
    }
}
