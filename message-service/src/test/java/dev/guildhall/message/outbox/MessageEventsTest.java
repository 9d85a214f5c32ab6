package dev.guildhall.message.outbox;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.EventTap;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every write reaches the {@code messages} topic through the outbox, keyed by channel, in order. */
class MessageEventsTest extends IntegrationTest {

    static EventTap tap;

    @BeforeAll
    static void tap() {
        tap = new EventTap(TestInfrastructure.get().kafkaBootstrap());
    }

    @AfterAll
    static void close() {
        tap.close();
    }

    @Test
    void writesArriveInOrderWithTheirEnvelope() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        long author = server.member();
        long moderator = server.member(server.role(Permission.MANAGE_MESSAGES));
        String token = stub.token(author);
        String m1 = api.post(messages(channel), token, Api.content("one")).text("message_id");
        String m2 = api.post(messages(channel), token, Api.content("two")).text("message_id");
        String m3 = api.post(messages(channel), token, Api.content("three")).text("message_id");
        api.patch(messages(channel) + "/" + m1, token, Api.content("one, edited"));
        api.put(messages(channel) + "/" + m2 + "/reactions/" + Api.encode("\uD83C\uDF89") + "/@me", token);
        api.delete(messages(channel) + "/" + m2 + "/reactions/" + Api.encode("\uD83C\uDF89") + "/@me", token);
        api.put("/api/v1/channels/" + channel + "/pins/" + m3, stub.token(moderator));
        api.delete("/api/v1/channels/" + channel + "/pins/" + m3, stub.token(moderator));
        api.delete(messages(channel) + "/" + m2, stub.token(moderator));

        List<EventTap.Event> events = tap.await(id(channel), 9, Duration.ofSeconds(30));
        assertThat(events).extracting(EventTap.Event::type).containsExactly(
                "MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_UPDATE",
                "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "CHANNEL_PINS_UPDATE", "CHANNEL_PINS_UPDATE",
                "MESSAGE_DELETE");
        assertThat(events).extracting(e -> e.data().path("message_id").asString())
                .containsExactly(m1, m2, m3, m1, m2, m2, m3, m3, m2);
        assertThat(events).extracting(EventTap.Event::partition).containsOnly(events.get(0).partition());

        Set<String> eventIds = new HashSet<>();
        for (EventTap.Event e : events) {
            assertThat(e.envelope().path("event_id").asString()).matches("\\d+");
            eventIds.add(e.envelope().path("event_id").asString());
            assertThat(e.envelope().path("server_id").asString()).isEqualTo(id(server.id()));
            assertThat(e.envelope().path("channel_id").asString()).isEqualTo(id(channel));
            assertThat(Instant.parse(e.envelope().path("occurred_at").asString())).isBefore(Instant.now().plusSeconds(1));
        }
        assertThat(eventIds).hasSize(9);

        EventTap.Event created = events.get(0);
        assertThat(created.envelope().path("user_id").asString()).isEqualTo(id(author));
        assertThat(created.data().path("content").asString()).isEqualTo("one");
        assertThat(created.data().path("author").path("username").asString()).isEqualTo(stub.username(author));
        assertThat(events.get(3).data().path("content").asString()).isEqualTo("one, edited");
        assertThat(events.get(3).data().path("edited_at").isNull()).isFalse();
        assertThat(events.get(4).data().path("emoji").asString()).isEqualTo("\uD83C\uDF89");
        assertThat(events.get(4).data().path("user_id").asString()).isEqualTo(id(author));
        assertThat(events.get(6).data().path("pinned").asBoolean()).isTrue();
        assertThat(events.get(7).data().path("pinned").asBoolean()).isFalse();
        assertThat(events.get(8).envelope().path("user_id").asString()).isEqualTo(id(moderator));
    }

    /** A DM's events name both participants, so websocket-service needs no call back to find them (ADR 130). */
    @Test
    void directMessageEventsCarryTheirRecipients() throws Exception {
        long alice = stub.user();
        long bob = stub.user();
        String channel = api.post("/api/v1/users/@me/channels", stub.token(alice),
                java.util.Map.of("recipient_id", id(bob))).text("channel_id");
        String mid = api.post("/api/v1/channels/" + channel + "/messages", stub.token(bob), Api.content("hi"))
                .text("message_id");
        api.put("/api/v1/channels/" + channel + "/messages/" + mid + "/reactions/" + Api.encode("\uD83C\uDF89")
                + "/@me", stub.token(alice));

        List<EventTap.Event> events = tap.await(channel, 3, Duration.ofSeconds(30));
        assertThat(events).extracting(EventTap.Event::type)
                .containsExactly("CHANNEL_CREATE", "MESSAGE_CREATE", "MESSAGE_REACTION_ADD");
        List<String> both = java.util.stream.Stream.of(alice, bob).sorted().map(IntegrationTest::id).toList();
        for (EventTap.Event e : events) {
            assertThat(e.envelope().path("server_id").isNull()).isTrue();
            assertThat(e.envelope().path("recipient_ids").valueStream().map(n -> n.asString()).toList())
                    .isEqualTo(both);
        }

        FakeServer server = stub.server();
        long serverChannel = server.channel();
        api.post(messages(serverChannel), stub.token(server.member()), Api.content("in a server"));
        EventTap.Event inServer = tap.await(id(serverChannel), 1, Duration.ofSeconds(30)).get(0);
        assertThat(inServer.envelope().has("recipient_ids")).isFalse();
    }

    /**
     * Delivery latency, from the 200 of a send to the event on the topic. The target is p99 at
     * most 100 ms; a 2-core machine shared with other builds only checks a loose bound, and the
     * measured numbers are printed.
     */
    @Test
    void eventsFollowTheirCommitQuickly() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        java.util.Map<String, Long> answeredAt = new java.util.concurrent.ConcurrentHashMap<>();
        int count = 40;
        for (int i = 0; i < count; i++) {
            long author = server.member();
            var r = api.post(messages(channel), stub.token(author), Api.content("latency " + i));
            answeredAt.put(r.text("message_id"), System.nanoTime());
            Thread.sleep(20);
        }
        List<EventTap.Event> events = tap.await(id(channel), count, Duration.ofSeconds(30));
        assertThat(events).hasSize(count);
        List<Long> millis = new java.util.ArrayList<>();
        for (EventTap.Event e : events) {
            long seen = e.receivedNanos();
            millis.add(Math.max(0, (seen - answeredAt.get(e.data().path("message_id").asString())) / 1_000_000));
        }
        java.util.Collections.sort(millis);
        long p50 = millis.get(count / 2);
        long p99 = millis.get((int) Math.ceil(count * 0.99) - 1);
        System.out.printf("delivery after the 200: p50 %d ms, p99 %d ms, max %d ms%n", p50, p99,
                millis.get(count - 1));
        assertThat(p99).isLessThan(1_000);
    }

    @Test
    void typingIsPublishedAndThrottled() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        long user = server.member();
        assertThat(api.post("/api/v1/channels/" + channel + "/typing", stub.token(user), null).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/channels/" + channel + "/typing", stub.token(user), null).status()).isEqualTo(204);
        long other = server.member();
        assertThat(api.post("/api/v1/channels/" + channel + "/typing", stub.token(other), null).status()).isEqualTo(204);

        List<EventTap.Event> events = tap.await(id(channel), 2, Duration.ofSeconds(20));
        Thread.sleep(500);
        events = tap.await(id(channel), 3, Duration.ofMillis(1));
        assertThat(events).hasSize(2);
        assertThat(events).extracting(EventTap.Event::type).containsOnly("TYPING_START");
        assertThat(events).extracting(e -> e.data().path("user_id").asString())
                .containsExactlyInAnyOrder(id(user), id(other));
        assertThat(events.get(0).data().path("timestamp").asLong()).isPositive();
    }
}
