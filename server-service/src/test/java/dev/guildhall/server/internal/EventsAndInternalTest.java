package dev.guildhall.server.internal;

import dev.guildhall.common.event.Topics;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.FakeAuthService;
import dev.guildhall.server.support.IntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class EventsAndInternalTest extends IntegrationTest {

    private static final Map<String, String> INTERNAL = Map.of("X-Guildhall-Internal-Token",
            FakeAuthService.INTERNAL_TOKEN);

    @Test
    void serverEventsArriveOnKafkaInCommitOrder() {
        User owner = newUser("k-owner");
        User guest = newUser("k-guest");
        String server = createServer(owner, "Evented");
        String channel = createChannel(owner, server, Map.of("channel_name", "news", "channel_type", "text"));
        joinServer(owner, guest, server);

        List<JsonNode> events = consume(server, 4, Duration.ofSeconds(60));
        assertThat(events).extracting(e -> e.path("type").asString())
                .startsWith("SERVER_CREATE", "CHANNEL_CREATE", "INVITE_CREATE", "SERVER_MEMBER_ADD");
        JsonNode created = events.get(0);
        assertThat(created.path("event_id").asString()).isNotBlank();
        assertThat(created.path("server_id").asString()).isEqualTo(server);
        assertThat(created.path("user_id").asString()).isEqualTo(owner.idString());
        assertThat(created.path("occurred_at").asString()).isNotBlank();
        assertThat(created.path("data").path("server_name").asString()).isEqualTo("Evented");
        assertThat(created.path("data").path("roles").get(0).path("role_id").asString()).isEqualTo(server);
        assertThat(created.path("data").path("channels")).hasSize(2);
        JsonNode channelCreate = events.get(1);
        assertThat(channelCreate.path("channel_id").asString()).isEqualTo(channel);
        assertThat(channelCreate.path("data").path("channel_name").asString()).isEqualTo("news");
        JsonNode memberAdd = events.get(3);
        assertThat(memberAdd.path("user_id").asString()).isEqualTo(guest.idString());
        assertThat(memberAdd.path("data").path("user_id").asString()).isEqualTo(guest.idString());
    }

    @Test
    void internalEndpointsNeedTheInternalToken() {
        Api.Response missing = api().get(null, "/internal/permissions?user_id=1&server_id=1");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("UNAUTHORIZED");
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(api().send("GET", null, "/internal/servers/1/snapshot", null,
                Map.of("X-Guildhall-Internal-Token", "wrong")).status()).isEqualTo(401);
        // a user's token is no substitute
        assertThat(api().get(newUser("sneaky").token(), "/internal/servers/1/snapshot").status()).isEqualTo(401);
    }

    @Test
    void internalPermissionsAndSnapshotFollowChanges() {
        User owner = newUser("p-owner");
        User member = newUser("p-member");
        User stranger = newUser("p-stranger");
        String server = createServer(owner, "Internal");
        String secret = createChannel(owner, server, Map.of("channel_name", "secret", "channel_type", "text"));
        String view = Permission.format(Permission.VIEW_CHANNEL.bit());
        api().put(owner.token(), "/api/v1/channels/" + secret + "/permissions/" + server,
                Map.of("type", "role", "deny", view));
        joinServer(owner, member, server);

        JsonNode ownerPerms = internal("/internal/permissions?user_id=" + owner.idString() + "&channel_id=" + secret);
        assertThat(ownerPerms.path("server_id").asString()).isEqualTo(server);
        assertThat(ownerPerms.path("channel_id").asString()).isEqualTo(secret);
        assertThat(ownerPerms.path("member").asBoolean()).isTrue();
        assertThat(ownerPerms.path("permissions").asString()).isEqualTo(Permission.format(Permission.ALL));
        assertThat(ownerPerms.path("channel_type").asString()).isEqualTo("text");

        JsonNode memberPerms = internal("/internal/permissions?user_id=" + member.idString() + "&channel_id=" + secret);
        assertThat(memberPerms.path("member").asBoolean()).isTrue();
        assertThat(memberPerms.path("permissions").asString()).isEqualTo("0");
        JsonNode base = internal("/internal/permissions?user_id=" + member.idString() + "&server_id=" + server);
        assertThat(base.path("channel_id").isNull()).isTrue();
        assertThat(base.path("permissions").asString()).isEqualTo(Permission.format(Permission.DEFAULT_EVERYONE));

        JsonNode strangerPerms = internal("/internal/permissions?user_id=" + stranger.idString() + "&channel_id="
                + secret);
        assertThat(strangerPerms.path("member").asBoolean()).isFalse();
        assertThat(strangerPerms.path("permissions").asString()).isEqualTo("0");
        // nobody (a service's own worker, e.g. the media worker): which server, as a non-member
        JsonNode nobody = internal("/internal/permissions?user_id=0&channel_id=" + secret);
        assertThat(nobody.path("server_id").asString()).isEqualTo(server);
        assertThat(nobody.path("member").asBoolean()).isFalse();
        assertThat(nobody.path("permissions").asString()).isEqualTo("0");

        // a change through the API is visible at once (the cache is invalidated on commit)
        String readers = createRole(owner, server, Map.of("name", "readers", "permissions", "0"));
        api().put(owner.token(), "/api/v1/channels/" + secret + "/permissions/" + readers,
                Map.of("type", "role", "allow", view));
        api().put(owner.token(), "/api/v1/servers/" + server + "/members/" + member.idString() + "/roles/" + readers,
                null);
        long now = Permission.parse(internal("/internal/permissions?user_id=" + member.idString() + "&channel_id="
                + secret).path("permissions").asString());
        assertThat(Permission.VIEW_CHANNEL.in(now)).isTrue();

        JsonNode snapshot = internal("/internal/servers/" + server + "/snapshot");
        assertThat(snapshot.path("server").path("server_id").asString()).isEqualTo(server);
        assertThat(snapshot.path("owner_id").asString()).isEqualTo(owner.idString());
        assertThat(snapshot.path("roles")).hasSize(2);
        assertThat(snapshot.path("channels")).hasSize(3);
        assertThat(snapshot.path("member_count").asInt()).isEqualTo(2);
        JsonNode memberEntry = null;
        for (JsonNode m : snapshot.path("members")) {
            if (m.path("user_id").asString().equals(member.idString())) {
                memberEntry = m;
            }
        }
        assertThat(memberEntry).isNotNull();
        assertThat(memberEntry.path("roles").get(0).asString()).isEqualTo(readers);
        JsonNode secretChannel = null;
        for (JsonNode c : snapshot.path("channels")) {
            if (c.path("channel_id").asString().equals(secret)) {
                secretChannel = c;
            }
        }
        assertThat(secretChannel.path("permission_overwrites")).hasSize(2);

        JsonNode servers = internal("/internal/users/" + member.idString() + "/servers");
        assertThat(servers.path("server_ids").get(0).asString()).isEqualTo(server);

        assertThat(api().send("GET", null, "/internal/permissions?user_id=1&channel_id=42", null, INTERNAL).code())
                .isEqualTo("UNKNOWN_CHANNEL");
        assertThat(api().send("GET", null, "/internal/servers/42/snapshot", null, INTERNAL).code())
                .isEqualTo("UNKNOWN_SERVER");
        assertThat(api().send("GET", null, "/internal/permissions?user_id=1", null, INTERNAL).code())
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aDeletedChannelsRemovedContentIsRecordedInTheAuditLog() {
        User owner = newUser("purger");
        String server = createServer(owner, "purged");
        String channel = createChannel(owner, server, Map.of("channel_name", "doomed", "channel_type", "text"));
        assertThat(api().delete(owner.token(), "/api/v1/channels/" + channel).status()).isEqualTo(204);

        String path = "/internal/servers/" + server + "/content-purges";
        Map<String, Object> body = Map.of("channel_id", channel, "actor_id", owner.idString(),
                "rows_removed", 1234, "objects_removed", 5);
        assertThat(api().send("POST", null, path, body, Map.of()).status()).as("internal token required").isEqualTo(401);
        assertThat(api().send("POST", null, path, body, INTERNAL).status()).isEqualTo(204);

        JsonNode entry = null;
        for (JsonNode e : api().get(owner.token(), "/api/v1/servers/" + server + "/audit-log").json()
                .path("audit_log_entries")) {
            if ("MESSAGE_BULK_DELETE".equals(e.path("action_type").asString())) {
                entry = e;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("target_id").asString()).isEqualTo(channel);
        assertThat(entry.path("user_id").asString()).isEqualTo(owner.idString());
        assertThat(entry.path("after").path("rows_removed").asLong()).isEqualTo(1234);
        assertThat(entry.path("after").path("objects_removed").asLong()).isEqualTo(5);

        // a server that is gone has no audit log: 404, and the caller stops asking
        assertThat(api().delete(owner.token(), "/api/v1/servers/" + server).status()).isEqualTo(204);
        assertThat(api().send("POST", null, path, body, INTERNAL).status()).isEqualTo(404);
    }

    @Test
    void anotherInstancesChangeInvalidatesTheCacheThroughServerEvents() throws Exception {
        User owner = newUser("x-owner");
        User member = newUser("x-member");
        String server = createServer(owner, "Coherent");
        joinServer(owner, member, server);
        String path = "/internal/permissions?user_id=" + member.idString() + "&server_id=" + server;
        // let this server's own events be published and consumed first, so only ours invalidates below
        long serverId = Long.parseLong(server);
        assertThat(eventually(Duration.ofSeconds(30), () -> unsent(serverId) == 0)).isTrue();
        Thread.sleep(1500);
        assertThat(Permission.KICK_MEMBERS.in(Permission.parse(internal(path).path("permissions").asString()))).isFalse();

        // another instance changed @everyone (simulated behind this instance's back) and published its event
        long everyone = Long.parseLong(server);
        long kick = Permission.DEFAULT_EVERYONE | Permission.KICK_MEMBERS.bit();
        assertThat(update(SHARD_0, "UPDATE roles SET permissions = ? WHERE role_id = ?", kick, everyone)
                + update(SHARD_1, "UPDATE roles SET permissions = ? WHERE role_id = ?", kick, everyone)).isEqualTo(1);
        assertThat(Permission.KICK_MEMBERS.in(Permission.parse(internal(path).path("permissions").asString())))
                .as("still cached").isFalse();
        try (KafkaProducer<String, String> producer = producer()) {
            boolean seen = eventually(Duration.ofSeconds(30), () -> {
                producer.send(new ProducerRecord<>(Topics.SERVER_EVENTS, server,
                        "{\"type\":\"SERVER_ROLE_UPDATE\",\"server_id\":\"" + server + "\"}"));
                producer.flush();
                return Permission.KICK_MEMBERS.in(Permission.parse(internal(path).path("permissions").asString()));
            });
            assertThat(seen).isTrue();
        }
    }

    @Test
    void memberDisplayDataComesFromUserEventsOrAuthService() throws Exception {
        User owner = newUser("d-owner");
        User renamed = newUser("d-before");
        String server = createServer(owner, "Display");
        joinServer(owner, renamed, server);
        String memberPath = "/api/v1/servers/" + server + "/members/" + renamed.idString();
        assertThat(api().get(owner.token(), memberPath).json().path("user").path("username").asString())
                .isEqualTo("d-before");

        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.USER_EVENTS, renamed.idString(),
                    "{\"event_id\":\"" + UUID.randomUUID() + "\",\"type\":\"USER_UPDATE\",\"user_id\":\""
                            + renamed.idString() + "\",\"occurred_at\":\"" + Instant.now().plusSeconds(5)
                            + "\",\"data\":{\"user_id\":\"" + renamed.idString()
                            + "\",\"username\":\"d-after\",\"avatar_url\":\"https://cdn.example/a.png\"}}"));
            producer.flush();
        }
        boolean updated = eventually(Duration.ofSeconds(30), () -> "d-after".equals(
                api().get(owner.token(), memberPath).json().path("user").path("username").asString()));
        assertThat(updated).isTrue();
        assertThat(api().get(owner.token(), memberPath).json().path("user").path("avatar_url").asString())
                .isEqualTo("https://cdn.example/a.png");

        // auth-service down and the user unknown locally: the member is still answered
        User ghost = newUser("d-ghost");
        joinServer(owner, ghost, server);
        FakeAuthService.get().setDown(true);
        try {
            Api.Response member = api().get(owner.token(), "/api/v1/servers/" + server + "/members/" + ghost.idString());
            assertThat(member.status()).isEqualTo(200);
            assertThat(member.json().path("user").path("user_id").asString()).isEqualTo(ghost.idString());
            assertThat(member.json().path("user").path("username").isNull()).isTrue();
        } finally {
            FakeAuthService.get().setDown(false);
        }
        assertThat(api().get(owner.token(), "/api/v1/servers/" + server + "/members/" + ghost.idString()).json()
                .path("user").path("username").asString()).isEqualTo("d-ghost");
        // fetched once, then served from the read model
        int lookups = FakeAuthService.get().lookups();
        api().get(owner.token(), "/api/v1/servers/" + server + "/members/" + ghost.idString());
        assertThat(FakeAuthService.get().lookups()).isEqualTo(lookups);
    }

    private static long unsent(long serverId) {
        try {
            return count(SHARD_0, "SELECT COUNT(*) FROM server_outbox WHERE server_id = ? AND sent_at IS NULL", serverId)
                    + count(SHARD_1, "SELECT COUNT(*) FROM server_outbox WHERE server_id = ? AND sent_at IS NULL",
                    serverId);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode internal(String path) {
        Api.Response response = api().send("GET", null, path, null, INTERNAL);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<JsonNode> consume(String serverId, int atLeast, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "server-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.SERVER_EVENTS));
            while (events.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (serverId.equals(record.key())) {
                        events.add(Api.JSON.readTree(record.value()));
                    }
                }
            }
        }
        return events;
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static boolean eventually(Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            Thread.sleep(300);
        }
        return false;
    }
}
