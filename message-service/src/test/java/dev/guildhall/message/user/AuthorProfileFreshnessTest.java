package dev.guildhall.message.user;

import dev.guildhall.common.event.Topics;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message's author is shown as the user is now: a rename (or new avatar) announced on {@code user-events} shows on
 * the next read of history, not after the profile cache's 60 s TTL. auth-service is the stub; the event goes through
 * the real Kafka broker.
 */
class AuthorProfileFreshnessTest extends IntegrationTest {

    @Test
    void aRenamedAuthorShowsTheNewNameOnTheNextRead() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        long author = server.owner();
        String token = stub.token(author);
        api.post(messages(channel), token, Api.content("before the rename"));
        String before = stub.username(author);
        assertThat(firstAuthorName(channel, token)).isEqualTo(before);

        String after = "renamed" + author;
        stub.rename(author, after);
        // cached: without the event the old name would stay for the TTL
        assertThat(firstAuthorName(channel, token)).isEqualTo(before);

        publishUserUpdate(author, after);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(firstAuthorName(channel, token)).isEqualTo(after));
    }

    private String firstAuthorName(long channel, String token) {
        var history = api.get(messages(channel) + "?limit=1", token);
        assertThat(history.status()).isEqualTo(200);
        return history.body().get(0).path("author").path("username").asString();
    }

    private void publishUserUpdate(long user, String username) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.USER_EVENTS, id(user), """
                    {"event_id": "%d", "type": "USER_UPDATE", "user_id": "%d", "occurred_at": "2026-01-01T00:00:00Z",
                     "data": {"user_id": "%d", "username": "%s", "avatar_url": null, "bot": false}}
                    """.formatted(stub.newId(), user, user, username))).get();
        }
    }
}
