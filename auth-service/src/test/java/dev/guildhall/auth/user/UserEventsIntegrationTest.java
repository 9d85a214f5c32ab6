package dev.guildhall.auth.user;

import dev.guildhall.auth.support.IntegrationTest;
import dev.guildhall.common.event.Topics;
import dev.guildhall.infra.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UserEventsIntegrationTest extends IntegrationTest {

    @Test
    void registrationAndProfileChangesArriveOnUserEvents() {
        JsonNode user = newUser("wendy");
        String userId = user.get("user_id").asString();
        String auth = bearer(tokens(user.get("username").asString()).get("access_token").asString());
        call("PATCH", "/api/v1/users/@me", Map.of("avatar_url", "https://cdn.example.com/w.png"), "Authorization", auth)
                .expect(200);

        JsonNode created = await(userId, "USER_CREATE");
        assertThat(created.get("event_id").asString()).isNotBlank();
        assertThat(created.get("user_id").asString()).isEqualTo(userId);
        assertThat(created.get("occurred_at").asString()).isNotBlank();
        assertThat(created.get("data").get("user_id").asString()).isEqualTo(userId);
        assertThat(created.get("data").get("username").asString()).isEqualTo(user.get("username").asString());
        assertThat(created.get("data").has("email")).isFalse();

        JsonNode updated = await(userId, "USER_UPDATE");
        assertThat(updated.get("data").get("avatar_url").asString()).isEqualTo("https://cdn.example.com/w.png");
    }

    @Test
    void aBotUsersCreationSaysItIsABot() {
        JsonNode bot = post("/internal/bot-users", Map.of("username", uniqueName("evbot")),
                "X-Guildhall-Internal-Token", "test-internal-token").expect(201).json();
        JsonNode created = await(bot.get("user_id").asString(), "USER_CREATE");
        assertThat(created.get("data").get("bot").asBoolean()).isTrue();
        assertThat(created.get("data").get("username").asString()).isEqualTo(bot.get("username").asString());
    }

    /** Reads user-events from the beginning until the event of this user and type shows up. */
    private JsonNode await(String userId, String type) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(Topics.USER_EVENTS, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (userId.equals(record.key()) && type.equals(event.get("type").asString())) {
                        return event;
                    }
                }
            }
        }
        throw new AssertionError(type + " for user " + userId + " did not arrive on " + Topics.USER_EVENTS);
    }
}
