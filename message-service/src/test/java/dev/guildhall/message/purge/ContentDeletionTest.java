package dev.guildhall.message.purge;

import dev.guildhall.common.event.Topics;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.attachment.ObjectStore;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deleting a message, a channel or a server removes its rows and its files (ADR 198), counted in the
 * real shards and the real embedded S3 store. The tests run with a 2 s file grace and batches of 7.
 */
class ContentDeletionTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    ShardDatabases shards;

    @Autowired
    ObjectStore store;

    @Autowired
    PurgeJobs jobs;

    @Autowired
    MeterRegistry registry;

    @Test
    void aDeletedMessagesFilesAreRemovedAfterTheGracePeriod() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String first = upload(channel, token, "kept a while.txt");
        String second = upload(channel, token, "other.txt");
        String message = send(channel, token, first, second);
        String third = upload(channel, token, "stays.txt");
        String keep = send(channel, token, third);
        String firstKey = key(channel, first, "kept_a_while.txt");
        String secondKey = key(channel, second, "other.txt");
        String keptKey = key(channel, third, "stays.txt");
        assertThat(store.head(firstKey)).isPresent();

        assertThat(api.delete(messages(channel) + "/" + message, token).status()).isEqualTo(204);
        PurgeJob job = jobs.find(server.id(), PurgeScope.MESSAGE, Long.parseLong(message)).orElseThrow();
        assertThat(Duration.between(job.createdAt(), job.notBefore())).isEqualTo(Duration.ofSeconds(2));
        assertThat(store.head(firstKey)).as("within the grace period").isPresent();

        await().atMost(WAIT).until(() -> finished(server.id(), PurgeScope.MESSAGE, Long.parseLong(message)));
        assertThat(store.head(firstKey)).isEmpty();
        assertThat(store.head(secondKey)).isEmpty();
        assertThat(count(server.id(), "message_attachments", channel)).as("the other message's file").isEqualTo(1);
        assertThat(store.head(keptKey)).isPresent();
        PurgeJob done = jobs.find(server.id(), PurgeScope.MESSAGE, Long.parseLong(message)).orElseThrow();
        assertThat(done.rowsRemoved()).isEqualTo(2);
        assertThat(done.objectsRemoved()).isEqualTo(2);
        assertThat(api.get(messages(channel) + "/" + keep, token).body().path("attachments")).hasSize(1);
        // a message without files leaves no job behind
        String plain = api.post(messages(channel), token, Map.of("content", "no files")).text("message_id");
        assertThat(api.delete(messages(channel) + "/" + plain, token).status()).isEqualTo(204);
        assertThat(jobs.find(server.id(), PurgeScope.MESSAGE, Long.parseLong(plain))).isEmpty();
    }

    @Test
    void deletingAChannelRemovesItsMessagesReactionsPinsReadStatesAndFiles() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        long other = server.channel();
        long member = server.member();
        String token = stub.token(server.owner());
        String memberToken = stub.token(member);
        String a = upload(channel, token, "a.txt");
        String b = upload(channel, token, "b.txt");
        send(channel, token, a, b);
        String unclaimed = upload(channel, token, "never-sent.txt");
        List<String> keys = List.of(key(channel, a, "a.txt"), key(channel, b, "b.txt"),
                key(channel, unclaimed, "never-sent.txt"));
        String mention = api.post(messages(channel), memberToken, Map.of("content", "hey <@" + server.owner() + ">"))
                .text("message_id");
        assertThat(api.put(messages(channel) + "/" + mention + "/reactions/%F0%9F%91%8D/@me", token).status()).isEqualTo(204);
        assertThat(api.put("/api/v1/channels/" + channel + "/pins/" + mention, token).status()).isEqualTo(204);
        assertThat(api.post(messages(channel) + "/" + mention + "/ack", memberToken, null).status()).isEqualTo(204);
        bulkMessages(server.id(), channel, server.owner(), 40);
        String survivor = api.post(messages(other), token, Map.of("content", "in another channel")).text("message_id");
        keys.forEach(k -> assertThat(store.head(k)).as(k).isPresent());
        long rowsBefore = 0;
        for (String table : List.of("messages", "message_mentions", "reactions", "pins", "read_states", "message_attachments")) {
            long n = count(server.id(), table, channel);
            assertThat(n).as(table).isPositive();
            rowsBefore += n;
        }
        double counted = counter("guildhall.purge.rows", "CHANNEL");

        publish("CHANNEL_DELETE", server.id(), channel, server.owner());

        await().atMost(WAIT).until(() -> finished(server.id(), PurgeScope.CHANNEL, channel));
        for (String table : List.of("messages", "message_mentions", "reactions", "pins", "read_states", "message_attachments")) {
            assertThat(count(server.id(), table, channel)).as(table).isZero();
        }
        keys.forEach(k -> assertThat(store.head(k)).as(k).isEmpty());
        PurgeJob job = jobs.find(server.id(), PurgeScope.CHANNEL, channel).orElseThrow();
        assertThat(job.rowsRemoved()).isEqualTo(rowsBefore);
        assertThat(job.objectsRemoved()).isEqualTo(keys.size());
        assertThat(counter("guildhall.purge.rows", "CHANNEL") - counted).isGreaterThanOrEqualTo(rowsBefore);
        assertThat(api.get(messages(other) + "/" + survivor, token).status()).isEqualTo(200);
        assertThat(count(server.id(), "messages", other)).isEqualTo(1);

        JsonNode audit = stub.contentPurges().stream()
                .filter(p -> p.path("channel_id").asString().equals(id(channel))).findFirst().orElseThrow();
        assertThat(audit.path("actor_id").asString()).isEqualTo(id(server.owner()));
        assertThat(audit.path("rows_removed").asLong()).isEqualTo(rowsBefore);
        assertThat(audit.path("objects_removed").asLong()).isEqualTo(keys.size());

        // a redelivered event finds the finished job and changes nothing
        publish("CHANNEL_DELETE", server.id(), channel, server.owner());
        Thread.sleep(1500);
        assertThat(jobs.find(server.id(), PurgeScope.CHANNEL, channel).orElseThrow()).isEqualTo(job);
    }

    @Test
    void deletingAServerRemovesTheContentOfAllItsChannelsInItsShardOnly() throws Exception {
        FakeServer deleted = stub.server();
        FakeServer kept = stub.server();
        while (shards.forKey(kept.id()).index() == shards.forKey(deleted.id()).index()) {
            kept = stub.server();
        }
        List<Long> deletedChannels = List.of(deleted.channel(), deleted.channel(), deleted.channel());
        long keptChannel = kept.channel();
        String deletedToken = stub.token(deleted.owner());
        String keptToken = stub.token(kept.owner());
        List<String> deletedKeys = new ArrayList<>();
        for (long channel : deletedChannels) {
            String id = upload(channel, deletedToken, "f.txt");
            send(channel, deletedToken, id);
            deletedKeys.add(key(channel, id, "f.txt"));
            bulkMessages(deleted.id(), channel, deleted.owner(), 15);
        }
        long rowsBefore = 0;
        for (long channel : deletedChannels) {
            for (String table : List.of("messages", "reactions", "read_states", "message_attachments")) {
                rowsBefore += count(deleted.id(), table, channel);
            }
        }
        String keptId = upload(keptChannel, keptToken, "f.txt");
        send(keptChannel, keptToken, keptId);
        String keptKey = key(keptChannel, keptId, "f.txt");
        bulkMessages(kept.id(), keptChannel, kept.owner(), 15);

        publish("SERVER_DELETE", deleted.id(), null, deleted.owner());

        await().atMost(WAIT).until(() -> finished(deleted.id(), PurgeScope.SERVER, deleted.id()));
        Shard shard = shards.forKey(deleted.id());
        assertThat(shard.jdbc().sql("SELECT COUNT(*) FROM messages WHERE server_id = ?").param(deleted.id())
                .query(Long.class).single()).isZero();
        for (long channel : deletedChannels) {
            assertThat(count(deleted.id(), "message_attachments", channel)).isZero();
        }
        deletedKeys.forEach(k -> assertThat(store.head(k)).as(k).isEmpty());
        PurgeJob job = jobs.find(deleted.id(), PurgeScope.SERVER, deleted.id()).orElseThrow();
        assertThat(job.rowsRemoved()).isEqualTo(rowsBefore);
        assertThat(job.objectsRemoved()).isEqualTo(3);
        // the job lives in the deleted server's shard; the other shard's server is untouched
        assertThat(jobs.find(kept.id(), PurgeScope.SERVER, deleted.id())).isEmpty();
        assertThat(count(kept.id(), "messages", keptChannel)).isEqualTo(16);
        assertThat(store.head(keptKey)).isPresent();
        assertThat(count(kept.id(), "reactions", keptChannel)).isEqualTo(15);
        assertThat(api.get(messages(keptChannel), keptToken).body()).hasSize(16);
    }

    // --- helpers ---

    private boolean finished(long shardKey, PurgeScope scope, long target) {
        return jobs.find(shardKey, scope, target).map(j -> j.finishedAt() != null).orElse(false);
    }

    private long count(long shardKey, String table, long channel) {
        return shards.forKey(shardKey).jdbc().sql("SELECT COUNT(*) FROM " + table + " WHERE channel_id = ?")
                .param(channel).query(Long.class).single();
    }

    private double counter(String name, String scope) {
        var counter = registry.find(name).tag("scope", scope).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Messages, each with a reaction, written straight to the shard: more than the send rate limit allows. */
    private void bulkMessages(long serverId, long channel, long author, int n) {
        Shard shard = shards.forKey(serverId);
        for (int i = 0; i < n; i++) {
            long id = stub.newId();
            shard.jdbc().sql("INSERT INTO messages (channel_id, message_id, server_id, author_id, content, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, NOW(3))")
                    .params(channel, id, serverId, author, "bulk " + i).update();
            shard.jdbc().sql("INSERT INTO reactions (channel_id, message_id, emoji, user_id, created_at) "
                            + "VALUES (?, ?, ?, ?, NOW(3))")
                    .params(channel, id, "\uD83D\uDC4D", author).update();
        }
    }

    private void publish(String type, long serverId, Long channel, long actor) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.SERVER_EVENTS, id(serverId), """
                    {"event_id": "%d", "type": "%s", "server_id": "%d", "channel_id": %s,
                     "user_id": "%d", "occurred_at": "2026-01-01T00:00:00Z", "data": {}}
                    """.formatted(stub.newId(), type, serverId, channel == null ? "null" : "\"" + channel + "\"", actor)))
                    .get();
        }
    }

    private String upload(long channel, String token, String filename) throws Exception {
        byte[] bytes = ("contents of " + filename).getBytes(StandardCharsets.UTF_8);
        var reserved = api.post("/api/v1/channels/" + channel + "/attachments", token, Map.of("files", List.of(
                Map.of("filename", filename, "size", bytes.length, "content_type", "text/plain"))));
        assertThat(reserved.status()).as(reserved.raw().body()).isEqualTo(200);
        URI url = URI.create(reserved.body().get(0).path("upload_url").asString());
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + url.getRawPath() + "?" + url.getRawQuery()))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        return reserved.body().get(0).path("upload_id").asString();
    }

    /** Sends a message with these uploads attached; its id. */
    private String send(long channel, String token, String... uploadIds) {
        List<Map<String, String>> files = new ArrayList<>();
        for (String uploadId : uploadIds) {
            files.add(Map.of("upload_id", uploadId));
        }
        var sent = api.post(messages(channel), token, Map.of("content", "files", "attachments", files));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        return sent.text("message_id");
    }

    private static String key(long channel, String uploadId, String storedName) {
        return "attachments/" + channel + "/" + uploadId + "/" + storedName;
    }
}
