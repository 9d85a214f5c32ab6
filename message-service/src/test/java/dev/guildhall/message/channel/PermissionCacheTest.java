package dev.guildhall.message.channel;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Permission answers are cached, and a server-event for the server drops them at once. */
class PermissionCacheTest extends IntegrationTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void answersAreCachedAndServerEventsInvalidateThem() throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer("message-service-cache-invalidation");
        await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty());

        FakeServer server = stub.server();
        long channel = server.channel();
        long member = server.member();
        String token = stub.token(member);
        assertThat(api.get(messages(channel), token).status()).isEqualTo(200);
        int calls = stub.permissionCalls();
        assertThat(api.get(messages(channel), token).status()).isEqualTo(200);
        assertThat(api.post(messages(channel), token, Api.content("cached")).status()).isEqualTo(200);
        assertThat(stub.permissionCalls()).isEqualTo(calls);

        server.hide(channel); // server-service changes; until it says so, the cache still answers
        assertThat(api.get(messages(channel), token).status()).isEqualTo(200);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.SERVER_EVENTS, id(server.id()), """
                    {"event_id": "1", "type": "CHANNEL_UPDATE", "server_id": "%d", "channel_id": "%d",
                     "user_id": "%d", "occurred_at": "2026-01-01T00:00:00Z", "data": {}}
                    """.formatted(server.id(), channel, server.owner()))).get();
        }
        // well within the cache's TTL (10 min, ADR 239): the event is what drops the answer
        await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> api.get(messages(channel), token).status() == 404);
    }

    @Test
    void anAssignmentOfTheInvalidationListenerDropsWhatWasCachedBeforeIt() {
        MessageListenerContainer container = listeners.getListenerContainer("message-service-cache-invalidation");
        awaitAssigned(container);
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.member());
        assertThat(api.get(messages(channel), token).status()).isEqualTo(200);
        int calls = stub.permissionCalls();
        assertThat(api.get(messages(channel), token).status()).isEqualTo(200);
        assertThat(stub.permissionCalls()).isEqualTo(calls);

        // events published while the listener held no partitions are never seen: a change made then
        server.hide(channel);
        container.stop();
        container.start();
        awaitAssigned(container);

        // must not be answered from the cache for the next 10 minutes
        await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> api.get(messages(channel), token).status() == 404);
        assertThat(stub.permissionCalls()).isGreaterThan(calls);
    }

    private static void awaitAssigned(MessageListenerContainer container) {
        await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> container.isRunning() && container.getAssignedPartitions() != null
                        && !container.getAssignedPartitions().isEmpty());
    }
}
