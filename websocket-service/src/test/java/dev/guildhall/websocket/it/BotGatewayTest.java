package dev.guildhall.websocket.it;

import dev.guildhall.websocket.support.Events;
import dev.guildhall.websocket.support.FakeUpstream;
import dev.guildhall.websocket.support.GatewayClient;
import dev.guildhall.websocket.support.GatewayNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bots on the real-time gateway (ADR 167) against real Redis and Kafka, with bot-service's verification
 * and the other services stood in by a local HTTP server: bot tokens at IDENTIFY, intents validated (4013)
 * and privileged ones enforced against the application's flags (4014), MESSAGE_CONTENT honoured.
 */
class BotGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final AtomicLong IDS = new AtomicLong(8_000_000_000L);
    static final long GUILDS = 1;
    static final long GUILD_MEMBERS = 1 << 1;
    static final long GUILD_MESSAGES = 1 << 9;
    static final long MESSAGE_CONTENT = 1 << 15;
    static final long FLAG_MESSAGE_CONTENT = 1 << 18;

    static FakeUpstream upstream;
    static GatewayNode node;
    static Events events;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        node = GatewayNode.start(upstream, Map.of());
        events = new Events();
    }

    @AfterAll
    static void stop() {
        events.close();
        node.close();
        upstream.close();
    }

    /** A server with an owner and a channel, the bot a member of it; another server without the bot. */
    record World(long server, long owner, long general, long otherServer, long bot, long application) {
    }

    static World world() {
        long server = IDS.addAndGet(10);
        long owner = server + 1;
        long general = server + 2;
        long other = server + 3;
        long bot = server + 4;
        long application = server + 5;
        upstream.user(owner, "owner" + owner);
        upstream.server(server, owner).member(bot).channel(general, "general", false);
        upstream.server(other, owner).channel(other + 100, "elsewhere", false);
        return new World(server, owner, general, other, bot, application);
    }

    static void identify(GatewayClient client, String token, long intents) throws InterruptedException {
        assertThat(client.next(WAIT).path("op").asInt()).isEqualTo(10);
        client.send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":" + intents + ",\"properties\":{}}}");
    }

    @Test
    void botIdentifiesWithItsTokenAndSeesOnlyTheServersItWasAddedTo() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), 0);
        try (GatewayClient client = node.connect()) {
            identify(client, "Bot " + token, GUILDS | GUILD_MESSAGES);
            JsonNode d = client.awaitDispatch("READY", WAIT).path("d");
            assertThat(d.path("user").path("user_id").asString()).isEqualTo(Long.toString(w.bot()));
            assertThat(d.path("user").path("bot").asBoolean()).isTrue();
            assertThat(d.path("application").path("id").asString()).isEqualTo(Long.toString(w.application()));
            assertThat(d.path("servers").valueStream().map(s -> s.path("server_id").asString()))
                    .containsExactly(Long.toString(w.server()));
        }
        // the bare token, as some libraries send it, is a bot token too
        try (GatewayClient client = node.connect()) {
            identify(client, token, GUILDS);
            assertThat(client.awaitDispatch("READY", WAIT).path("d").path("user").path("user_id").asString())
                    .isEqualTo(Long.toString(w.bot()));
        }
    }

    @Test
    void aWrongBotTokenClosesWith4004() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), 0);
        try (GatewayClient client = node.connect()) {
            identify(client, "Bot " + token.substring(0, token.length() - 2) + "xx", GUILDS);
            assertThat(client.awaitClose(WAIT)).isEqualTo(4004);
        }
    }

    @Test
    void privilegedIntentsNotGrantedCloseWith4014() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), FLAG_MESSAGE_CONTENT);
        for (long privileged : List.of(GUILD_MEMBERS, 1L << 8)) {
            try (GatewayClient client = node.connect()) {
                identify(client, "Bot " + token, GUILDS | privileged);
                assertThat(client.awaitClose(WAIT)).as("intent %d", privileged).isEqualTo(4014);
            }
        }
        // the one the application was granted is fine
        try (GatewayClient client = node.connect()) {
            identify(client, "Bot " + token, GUILDS | MESSAGE_CONTENT);
            assertThat(client.awaitDispatch("READY", WAIT)).isNotNull();
        }
    }

    @Test
    void invalidIntentsCloseWith4013() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), 0);
        for (long invalid : List.of(-1L, 1L << 40, 1L << 18)) {
            try (GatewayClient client = node.connect()) {
                identify(client, "Bot " + token, invalid);
                assertThat(client.awaitClose(WAIT)).as("intents %d", invalid).isEqualTo(4013);
            }
        }
    }

    @Test
    void withoutMessageContentABotGetsEmptyContentUnlessMentioned() throws Exception {
        World w = world();
        String plain = upstream.bot(w.bot(), w.application(), 0);
        long reader = w.bot() + 100;
        upstream.server(w.server(), w.owner()).member(w.bot()).member(reader).channel(w.general(), "general", false);
        String granted = upstream.bot(reader, w.application() + 100, FLAG_MESSAGE_CONTENT);
        try (GatewayClient bot = node.connect(); GatewayClient withContent = node.connect();
             GatewayClient person = node.connect()) {
            identify(bot, "Bot " + plain, GUILDS | GUILD_MESSAGES);
            bot.awaitDispatch("READY", WAIT);
            identify(withContent, "Bot " + granted, GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT);
            withContent.awaitDispatch("READY", WAIT);
            assertThat(person.next(WAIT).path("op").asInt()).isEqualTo(10);
            person.identify(upstream.token(w.owner()));
            person.awaitDispatch("READY", WAIT);

            events.message(w.server(), w.general(), w.owner(), "the secret plan");
            assertThat(bot.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString()).isEmpty();
            assertThat(withContent.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString())
                    .isEqualTo("the secret plan");
            assertThat(person.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString())
                    .isEqualTo("the secret plan");

            events.publish("messages", Long.toString(w.general()), "MESSAGE_CREATE", w.server(), w.general(),
                    w.owner(), Map.of("message_id", Events.newEventId(), "channel_id", Long.toString(w.general()),
                            "server_id", Long.toString(w.server()), "user_id", Long.toString(w.owner()),
                            "content", "<@" + w.bot() + "> deploy", "mentions",
                            List.of(Map.of("user_id", Long.toString(w.bot())))));
            assertThat(bot.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString())
                    .isEqualTo("<@" + w.bot() + "> deploy");
        }
    }

    @Test
    void anInteractionReachesOnlyTheBotItIsFor() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), 0);
        try (GatewayClient bot = node.connect(); GatewayClient person = node.connect()) {
            identify(bot, "Bot " + token, GUILDS | GUILD_MESSAGES);
            bot.awaitDispatch("READY", WAIT);
            assertThat(person.next(WAIT).path("op").asInt()).isEqualTo(10);
            person.identify(upstream.token(w.owner()));
            person.awaitDispatch("READY", WAIT);

            long eventId = Long.parseLong(Events.newEventId());
            events.publish("bot-events", Long.toString(w.bot()), dev.guildhall.common.event.EventEnvelope.of(eventId,
                    "INTERACTION_CREATE", w.server(), w.general(), w.owner(), java.time.Instant.now(),
                    Map.of("interaction_id", "42", "token", "aW50ZXJhY3Rpb246secret", "type", 2))
                    .withRecipients(List.of(w.bot())));
            JsonNode interaction = bot.awaitDispatch("INTERACTION_CREATE", WAIT);
            assertThat(interaction.path("d").path("token").asString()).isEqualTo("aW50ZXJhY3Rpb246secret");
            // the person in that channel never sees it (it carries the token)
            events.message(w.server(), w.general(), w.owner(), "after");
            JsonNode next = person.await(f -> List.of("INTERACTION_CREATE", "MESSAGE_CREATE")
                    .contains(f.path("t").asString()), WAIT);
            assertThat(next.path("t").asString()).isEqualTo("MESSAGE_CREATE");
        }
    }
}
