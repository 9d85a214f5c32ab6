package dev.guildhall.websocket.it;

import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.websocket.session.SessionRegistry;
import dev.guildhall.websocket.support.Events;
import dev.guildhall.websocket.support.FakeUpstream;
import dev.guildhall.websocket.support.GatewayClient;
import dev.guildhall.websocket.support.GatewayNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Discord-dialect gateway ({@code /gateway/discord}, ADRs 177, 179–181) against real Redis and Kafka:
 * zlib-stream transport compression as JDA asks for it, RESUME through the native machinery with the missed
 * dispatches in Discord's shape, INVALID_SESSION for an unknown session, and no MESSAGE_CONTENT leak on resume.
 */
class DiscordGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final AtomicLong IDS = new AtomicLong(8_500_000_000L);
    static final long GUILDS = 1;
    static final long GUILD_MESSAGES = 1 << 9;
    static final long MESSAGE_CONTENT = 1 << 15;
    static final long FLAG_MESSAGE_CONTENT = 1 << 18;
    static final long GUILD_MEMBERS = 1 << 1;
    static final long FLAG_GUILD_MEMBERS = 1 << 14;
    static final String PLAIN = "/gateway/discord?v=10&encoding=json";
    static final String ZLIB = "/gateway/discord?v=10&encoding=json&compress=zlib-stream";

    static FakeUpstream upstream;
    static GatewayNode node;
    static Events events;
    static RedisClient redisClient;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        node = GatewayNode.start(upstream, Map.of());
        events = new Events();
        redisClient = RedisClient.create(TestInfrastructure.get().redisUrl());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stop() {
        redis.close();
        redisClient.shutdown();
        events.close();
        node.close();
        upstream.close();
    }

    record World(long server, long owner, long general, long bot, long application) {
    }

    static World world() {
        long server = IDS.addAndGet(10);
        upstream.user(server + 1, "owner" + (server + 1));
        upstream.server(server, server + 1).member(server + 4).channel(server + 2, "general", false);
        return new World(server, server + 1, server + 2, server + 4, server + 5);
    }

    static JsonNode identify(GatewayClient client, String token, long intents) throws InterruptedException {
        assertThat(client.next(WAIT).path("op").asInt()).as("HELLO").isEqualTo(10);
        client.send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":" + intents
                + ",\"properties\":{\"os\":\"linux\",\"browser\":\"JDA\",\"device\":\"JDA\"}}}");
        return client.awaitDispatch("READY", WAIT);
    }

    @Test
    void zlibStreamSendsEveryFrameDeflatedInOneContextWithASyncFlush() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), FLAG_MESSAGE_CONTENT);
        try (GatewayClient client = node.connect(ZLIB)) {
            JsonNode ready = identify(client, token, GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT);
            assertThat(ready.path("d").path("user").path("id").asString()).isEqualTo(Long.toString(w.bot()));
            JsonNode guild = client.awaitDispatch("GUILD_CREATE", WAIT);
            assertThat(guild.path("d").path("id").asString()).isEqualTo(Long.toString(w.server()));
            assertThat(guild.path("d").path("channels").get(0).path("id").asString())
                    .isEqualTo(Long.toString(w.general()));

            events.message(w.server(), w.general(), w.owner(), "compressed hello");
            JsonNode message = client.awaitDispatch("MESSAGE_CREATE", WAIT);
            assertThat(message.path("d").path("content").asString()).isEqualTo("compressed hello");
            assertThat(message.path("d").path("author").path("id").asString()).isEqualTo(Long.toString(w.owner()));

            client.heartbeat(message.path("s").asLong());
            client.await(f -> f.path("op").asInt() == 11, WAIT);
            // HELLO, READY, GUILD_CREATE, MESSAGE_CREATE, HEARTBEAT_ACK: all binary, each inflated on its own
            // boundary (00 00 ff ff) by the one inflater
            assertThat(client.binaryFrames()).isEqualTo(5);
        }
        // without the parameter: plain JSON text frames
        try (GatewayClient client = node.connect(PLAIN)) {
            identify(client, token, GUILDS);
            assertThat(client.binaryFrames()).isZero();
        }
    }

    @Test
    void resumeReplaysWhatTheBotMissedInDiscordsShapeThenResumed() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), FLAG_MESSAGE_CONTENT);
        GatewayClient first = node.connect(ZLIB);
        JsonNode ready = identify(first, token, GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT);
        String sessionId = ready.path("d").path("session_id").asString();
        assertThat(ready.path("d").path("resume_gateway_url").asString()).endsWith("/gateway/discord");
        first.awaitDispatch("GUILD_CREATE", WAIT);
        events.message(w.server(), w.general(), w.owner(), "live");
        long lastSeen = first.awaitDispatch("MESSAGE_CREATE", WAIT).path("s").asLong();

        first.abort();
        awaitDetached(sessionId);
        events.message(w.server(), w.general(), w.owner(), "missed 1");
        events.message(w.server(), w.general(), w.owner(), "missed 2");
        awaitJournaledSeq(sessionId, lastSeen + 2);

        try (GatewayClient second = node.connect(ZLIB)) {
            assertThat(second.next(WAIT).path("op").asInt()).isEqualTo(10);
            second.resume(token, sessionId, lastSeen);
            List<JsonNode> replay = untilResumed(second);
            assertThat(replay).extracting(f -> f.path("t").asString())
                    .containsExactly("MESSAGE_CREATE", "MESSAGE_CREATE", "RESUMED");
            assertThat(replay.subList(0, 2)).extracting(f -> f.path("d").path("content").asString())
                    .containsExactly("missed 1", "missed 2");
            // Discord's shape, not the native one
            assertThat(replay.get(0).path("d").path("author").path("id").asString())
                    .isEqualTo(Long.toString(w.owner()));
            assertThat(replay).extracting(f -> f.path("s").asLong())
                    .containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3);

            events.message(w.server(), w.general(), w.owner(), "after");
            JsonNode after = second.awaitDispatch("MESSAGE_CREATE", WAIT);
            assertThat(after.path("d").path("content").asString()).isEqualTo("after");
            assertThat(after.path("s").asLong()).isEqualTo(lastSeen + 4);
        }
    }

    @Test
    void anUnknownSessionIsInvalidNotResumable() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), 0);
        try (GatewayClient client = node.connect(PLAIN)) {
            assertThat(client.next(WAIT).path("op").asInt()).isEqualTo(10);
            client.resume(token, "0123456789abcdef0123456789abcdef", 3);
            JsonNode invalid = client.await(f -> f.path("op").asInt() == 9, WAIT);
            assertThat(invalid.path("d").asBoolean(true)).isFalse();
        }
    }

    @Test
    void aBotWithoutMessageContentGetsNoContentOnResumeEither() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), 0);
        GatewayClient first = node.connect(PLAIN);
        String sessionId = identify(first, token, GUILDS | GUILD_MESSAGES).path("d").path("session_id").asString();
        first.awaitDispatch("GUILD_CREATE", WAIT);
        events.message(w.server(), w.general(), w.owner(), "live secret");
        JsonNode live = first.awaitDispatch("MESSAGE_CREATE", WAIT);
        assertThat(live.path("d").path("content").asString()).isEmpty();

        first.abort();
        awaitDetached(sessionId);
        events.message(w.server(), w.general(), w.owner(), "missed secret");
        awaitJournaledSeq(sessionId, live.path("s").asLong() + 1);

        try (GatewayClient second = node.connect(PLAIN)) {
            assertThat(second.next(WAIT).path("op").asInt()).isEqualTo(10);
            second.resume(token, sessionId, live.path("s").asLong());
            List<JsonNode> replay = untilResumed(second);
            // the journal's copy and this node's recent ring both hold the event: the bot gets it once,
            // without its content, as the live connection would have
            assertThat(replay).extracting(f -> f.path("t").asString()).containsExactly("MESSAGE_CREATE", "RESUMED");
            assertThat(replay.get(0).path("d").path("content").asString()).isEmpty();
            assertThat(second.next(Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void aMemberJoiningIsGuildMemberAddAndTheBotsOwnRemovalAGuildDeleteWhateverItsIntents() throws Exception {
        World w = world();
        long joiner = w.server() + 6;
        upstream.user(joiner, "joiner" + joiner);
        String members = upstream.bot(w.bot(), w.application(), FLAG_GUILD_MEMBERS);
        long plainBot = w.server() + 7;
        upstream.server(w.server(), w.owner()).member(w.bot()).member(plainBot).channel(w.general(), "general", false);
        String plain = upstream.bot(plainBot, w.application() + 1, 0);
        try (GatewayClient withMembers = node.connect(PLAIN); GatewayClient without = node.connect(PLAIN)) {
            identify(withMembers, members, GUILDS | GUILD_MEMBERS);
            withMembers.awaitDispatch("GUILD_CREATE", WAIT);
            identify(without, plain, GUILDS | GUILD_MESSAGES);
            without.awaitDispatch("GUILD_CREATE", WAIT);

            events.publish("server-events", Long.toString(w.server()), "SERVER_MEMBER_ADD", w.server(), null, joiner,
                    Map.of("user_id", Long.toString(joiner), "server_id", Long.toString(w.server()),
                            "user", Map.of("user_id", Long.toString(joiner), "username", "joiner"),
                            "roles", List.of(), "joined_at", "2026-12-06T12:00:00Z"));
            JsonNode added = withMembers.awaitDispatch("GUILD_MEMBER_ADD", WAIT).path("d");
            assertThat(added.path("guild_id").asString()).isEqualTo(Long.toString(w.server()));
            assertThat(added.path("user").path("id").asString()).isEqualTo(Long.toString(joiner));
            assertThat(added.path("user").path("username").asString()).isEqualTo("joiner");

            // the bot without GUILD_MEMBERS sees no member events, but learns that it was removed
            events.publish("server-events", Long.toString(w.server()), "SERVER_MEMBER_REMOVE", w.server(), null,
                    plainBot, Map.of("server_id", Long.toString(w.server()), "user_id", Long.toString(plainBot)));
            JsonNode removed = without.await(f -> f.path("op").asInt() == 0, WAIT);
            assertThat(removed.path("t").asString()).isEqualTo("GUILD_DELETE");
            assertThat(removed.path("d").path("id").asString()).isEqualTo(Long.toString(w.server()));
            assertThat(removed.path("d").has("unavailable")).isFalse();
            // and nothing of that server any more
            events.message(w.server(), w.general(), w.owner(), "not for the removed bot");
            assertThat(withMembers.awaitDispatch("GUILD_MEMBER_REMOVE", WAIT).path("d").path("user").path("id")
                    .asString()).isEqualTo(Long.toString(plainBot));
            assertThat(without.next(Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void aDrainingNodeSendsReconnectToDiscordSessionsToo() throws Exception {
        World w = world();
        String token = upstream.bot(w.bot(), w.application(), 0);
        GatewayNode leaving = GatewayNode.start(upstream, Map.of("guildhall.websocket.instance-id", "discord-leaving",
                "guildhall.websocket.shutdown-drain", "2s"));
        GatewayClient client = GatewayClient.connect(leaving.port(), ZLIB);
        identify(client, token, GUILDS | GUILD_MESSAGES);
        Thread stopping = new Thread(leaving::close, "stopping-discord-node");
        stopping.start();
        assertThat(client.await(f -> f.path("op").asInt() == 7, WAIT)).isNotNull();
        client.abort();
        stopping.join(30_000);
    }

    private static List<JsonNode> untilResumed(GatewayClient client) throws InterruptedException {
        List<JsonNode> replay = new ArrayList<>();
        JsonNode frame;
        do {
            frame = client.await(f -> f.path("op").asInt() == 0, WAIT);
            replay.add(frame);
        } while (!"RESUMED".equals(frame.path("t").asString()));
        return replay;
    }

    private static void awaitDetached(String sessionId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var session = node.bean(SessionRegistry.class).get(sessionId);
            if (session != null && session.detachedAt() >= 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("session " + sessionId + " not detached");
    }

    private static void awaitJournaledSeq(String sessionId, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String stored = redis.sync().hget("ws:{" + sessionId + "}:meta", "seq");
            if (stored != null && Long.parseLong(stored) >= seq) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("journal of " + sessionId + " did not reach " + seq);
    }
}
