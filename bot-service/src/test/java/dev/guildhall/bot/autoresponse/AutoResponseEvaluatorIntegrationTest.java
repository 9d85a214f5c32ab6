package dev.guildhall.bot.autoresponse;

import dev.guildhall.bot.support.IntegrationTest;
import dev.guildhall.bot.support.StandInServices;
import dev.guildhall.common.event.Topics;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.infra.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static dev.guildhall.bot.autoresponse.AutoResponseApiIntegrationTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator on the real Kafka, Redis, MariaDB and auth-service: MESSAGE_CREATE events go into the
 * {@code messages} topic as message-service's relay writes them, and the system bot's writes arrive at the
 * message-service stand-in. "Nothing happened" is proven by a later message in the same channel (same
 * partition, so handled after it) whose answer did arrive.
 */
class AutoResponseEvaluatorIntegrationTest extends IntegrationTest {

    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current()
            .nextLong(300_000_000_000_000_000L, 400_000_000_000_000_000L));
    private static KafkaProducer<String, String> producer;

    private final StandInServices fleet = StandInServices.get();

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    JdbcClient jdbc;

    private long serverId;
    private String manager;
    private long person;

    @BeforeEach
    void setUp() throws Exception {
        if (producer == null) {
            String bootstrap = TestInfrastructure.get().kafkaBootstrap();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(Topics.MESSAGES, 3, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("bot-service-auto-responses"), 3);
        serverId = IDS.incrementAndGet();
        fleet.server(serverId, "Tea Club");
        manager = newPerson("mod");
        fleet.member(serverId, userId(manager), Permission.of(Permission.MANAGE_SERVER));
        person = IDS.incrementAndGet();
        // markers, each answered once per channel (a marker has a cooldown like any rule)
        for (int i = 1; i <= 3; i++) {
            create(rule("Marker " + i, "prefix_command", "!m" + i, Map.of("content", "marker:!m" + i)));
        }
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private String create(Map<String, Object> body) {
        return bot("POST", "/api/v1/servers/" + serverId + "/auto-responses", body, "Authorization", manager)
                .expect(201).json().get("auto_response_id").asString();
    }

    private long systemBot() {
        return jdbc.sql("SELECT user_id FROM bot_system_user WHERE id = 1").query(Long.class).single();
    }

    /** A MESSAGE_CREATE as message-service writes it; answers the message id. */
    private long send(long channelId, long authorId, String content, Map<String, Object> extra) {
        long messageId = IDS.incrementAndGet();
        publish(channelId, event(IDS.incrementAndGet(), channelId, messageId, authorId, content, extra));
        return messageId;
    }

    private long send(long channelId, String content) {
        return send(channelId, person, content, Map.of());
    }

    private Map<String, Object> event(long eventId, long channelId, long messageId, long authorId, String content,
                                      Map<String, Object> extra) {
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("user_id", Long.toString(authorId));
        author.put("username", "someone");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", Long.toString(messageId));
        data.put("channel_id", Long.toString(channelId));
        data.put("server_id", Long.toString(serverId));
        data.put("user_id", Long.toString(authorId));
        data.put("author", author);
        data.put("content", content);
        data.putAll(extra);
        if (extra.containsKey("bot")) {
            author.put("bot", extra.get("bot"));
            data.remove("bot");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", Long.toString(eventId));
        event.put("type", "MESSAGE_CREATE");
        event.put("server_id", Long.toString(serverId));
        event.put("channel_id", Long.toString(channelId));
        event.put("user_id", Long.toString(authorId));
        event.put("occurred_at", Instant.now().toString());
        event.put("data", data);
        return event;
    }

    private void publish(long channelId, Map<String, Object> event) {
        try {
            producer.send(new ProducerRecord<>(Topics.MESSAGES, Long.toString(channelId),
                    JSON.writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<StandInServices.Write> afterMarker(long channelId) {
        return afterMarker(channelId, 1);
    }

    /**
     * Sends marker {@code n} (each may be used once per channel) and waits for its answer; then answers every
     * other write made in the channel so far.
     */
    private List<StandInServices.Write> afterMarker(long channelId, int n) {
        send(channelId, "!m" + n);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<StandInServices.Write> writes = fleet.writesIn(channelId);
            if (writes.stream().anyMatch(w -> ("marker:!m" + n).equals(content(w)))) {
                return writes.stream().filter(w -> content(w) == null || !content(w).startsWith("marker:")).toList();
            }
            sleep(20);
        }
        throw new AssertionError("the marker was never answered in channel " + channelId + "; writes: "
                + fleet.writesIn(channelId));
    }

    private static String content(StandInServices.Write write) {
        return write.body() == null || !write.body().has("content") ? null : write.body().get("content").asString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPrefixCommandAnswersWithItsTextSubstitutedAsTheSystemBot() {
        create(rule("Rules", "prefix_command", "!rules",
                Map.of("content", "Hi {user}, welcome to {server} in {channel}. You asked: {args}")));
        long channel = IDS.incrementAndGet();
        send(channel, "!RULES  about tea ");
        send(channel, "!rulesX is another word");
        send(channel, "tell me the !rules");

        List<StandInServices.Write> writes = afterMarker(channel);
        assertThat(writes).hasSize(1);
        StandInServices.Write answer = writes.get(0);
        assertThat(answer.method()).isEqualTo("POST");
        assertThat(answer.path()).isEqualTo("/internal/channels/" + channel + "/messages");
        assertThat(answer.body().get("author_id").asString()).isEqualTo(Long.toString(systemBot()));
        assertThat(answer.body().get("content").asString()).isEqualTo(
                "Hi <@" + person + ">, welcome to Tea Club in <#" + channel + ">. You asked: about tea");
        assertThat(answer.body().has("reply_to")).isFalse();

        // the system bot is an ordinary bot account in auth-service
        JsonNodeAssert.isBot(auth("GET", "/internal/users?ids=" + systemBot(), null, internal()).expect(200).json());
    }

    @Test
    void aKeywordReactsAndRepliesOnlyInItsChannels() {
        long channel = IDS.incrementAndGet();
        long elsewhere = IDS.incrementAndGet();
        Map<String, Object> body = rule("Greeter", "keyword", "hello",
                Map.of("content", "Hello to you too", "reply", true, "reaction", "👋"));
        body.put("channel_ids", List.of(Long.toString(channel)));
        create(body);
        long trigger = send(channel, "Well HELLO there");
        send(elsewhere, "hello from elsewhere");

        List<StandInServices.Write> writes = afterMarker(channel);
        assertThat(writes).extracting(StandInServices.Write::method).containsExactly("PUT", "POST");
        assertThat(writes.get(0).path()).startsWith("/internal/channels/" + channel + "/messages/" + trigger
                + "/reactions/").endsWith("/" + systemBot());
        assertThat(writes.get(1).body().get("reply_to").asString()).isEqualTo(Long.toString(trigger));
        assertThat(writes.get(1).body().get("content").asString()).isEqualTo("Hello to you too");
        assertThat(afterMarker(elsewhere)).isEmpty();
    }

    @Test
    void aRegexLinkFilterDeletesTheTrigger() {
        create(rule("No links", "regex", "https?://\\S+", Map.of("delete_trigger", true)));
        long channel = IDS.incrementAndGet();
        long link = send(channel, "free stuff at HTTPS://example.com/win");
        send(channel, "no link here");

        List<StandInServices.Write> writes = afterMarker(channel);
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).method()).isEqualTo("DELETE");
        assertThat(writes.get(0).path()).isEqualTo("/internal/channels/" + channel + "/messages/" + link);
    }

    @Test
    void botsWebhooksAndTheSystemBotNeverTrigger() {
        create(rule("Echo", "keyword", "ping", Map.of("content", "pong")));
        String appBot = bot("POST", "/api/v1/applications", Map.of("name", "Pinger"), "Authorization", manager)
                .expect(201).json().get("bot").get("user_id").asString();
        long channel = IDS.incrementAndGet();
        send(channel, IDS.incrementAndGet(), "ping (author.bot)", Map.of("bot", true));
        send(channel, IDS.incrementAndGet(), "ping (webhook)", Map.of("webhook_id", "42"));
        // an application's bot user, on a message that does not carry author.bot
        send(channel, Long.parseLong(appBot), "ping (application bot)", Map.of());
        send(channel, systemBot(), "ping (the system bot itself)", Map.of());

        assertThat(afterMarker(channel)).isEmpty();
    }

    @Test
    void oneAnswerPerRulePerChannelPerCooldown() {
        create(rule("Echo", "prefix_command", "!ping", Map.of("content", "pong")));
        long channel = IDS.incrementAndGet();
        long other = IDS.incrementAndGet();
        send(channel, "!ping");
        send(channel, "!ping");
        send(channel, "!ping again");
        send(other, "!ping");

        assertThat(afterMarker(channel)).hasSize(1);
        assertThat(afterMarker(other)).hasSize(1);
    }

    @Test
    void aRedeliveredEventIsAnsweredOnce() {
        create(rule("Echo", "prefix_command", "!tea", Map.of("content", "☕")));
        long channel = IDS.incrementAndGet();
        Map<String, Object> event = event(IDS.incrementAndGet(), channel, IDS.incrementAndGet(), person, "!tea",
                Map.of());
        publish(channel, event);
        assertThat(afterMarker(channel)).hasSize(1);

        // past the cooldown, so only the event id can hold the second delivery back
        sleep(5_300);
        publish(channel, event);
        assertThat(afterMarker(channel, 2)).hasSize(1);
        send(channel, "!tea");
        assertThat(afterMarker(channel, 3)).hasSize(2);
    }

    @Test
    void aCatastrophicBacktrackingPatternDoesNotStallTheConsumer() {
        create(rule("Evil", "regex", "(a+)+$", Map.of("reaction", "🚫")));
        long channel = IDS.incrementAndGet();
        long started = System.nanoTime();
        send(channel, "a".repeat(1_990) + "!");
        List<StandInServices.Write> writes = afterMarker(channel);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(writes).isEmpty();
        send(channel, "aaaa");
        assertThat(afterMarker(channel, 2)).hasSize(1);
        // a backtracking engine needs longer than the universe has for 2^1990 paths; RE2/J is linear
        assertThat(tookMillis).isLessThan(10_000);
    }

    /** Small JSON assertion helpers. */
    private static final class JsonNodeAssert {
        static void isBot(tools.jackson.databind.JsonNode users) {
            assertThat(users).hasSize(1);
            assertThat(users.get(0).get("bot").asBoolean()).isTrue();
        }
    }
}
