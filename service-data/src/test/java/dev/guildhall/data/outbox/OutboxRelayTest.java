package dev.guildhall.data.outbox;

import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.KafkaBroker;
import dev.guildhall.infra.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The writer and the relay against the real embedded MariaDB and a real Kafka broker (ADR 122). */
class OutboxRelayTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final TestInfrastructure infra = TestInfrastructure.get();

    @Test
    void theWriterRefusesToWriteOutsideTheChangesTransaction() {
        try (ShardDatabases shards = OutboxFixture.shards("data_refuse")) {
            OutboxTable table = OutboxFixture.table(OutboxFixture.topic());
            OutboxWriter writer = OutboxFixture.writer(new OutboxSignal());
            Shard shard0 = shards.all().get(0);
            Shard shard1 = shards.all().get(1);

            assertThatThrownBy(() -> writer.append(table, shard0, 1, "ITEM_CREATE", null, null, 1L, Map.of()))
                    .isInstanceOf(IllegalStateException.class);
            // a transaction on another database is not the change's transaction either
            assertThatThrownBy(() -> shard1.inTransaction(
                    () -> writer.append(table, shard0, 1, "ITEM_CREATE", null, null, 1L, Map.of())))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(OutboxRelays.pending(table, shard0)).isZero();

            // inside it, the row exists exactly when the change committed
            shard0.inTransaction(() -> writer.append(table, shard0, 1, "ITEM_CREATE", null, null, 1L, Map.of()));
            assertThatThrownBy(() -> shard0.inTransaction(() -> {
                writer.append(table, shard0, 1, "ITEM_UPDATE", null, null, 1L, Map.of());
                throw new IllegalArgumentException("the change fails");
            })).isInstanceOf(IllegalArgumentException.class);
            assertThat(OutboxRelays.pending(table, shard0)).isEqualTo(1);
        }
    }

    @Test
    void publishesEveryRowOnceInOrderPerKeyInBatches() {
        String topic = OutboxFixture.topic();
        infra.kafka().createTopics(topic);
        OutboxTable table = OutboxFixture.table(topic);
        OutboxSignal signal = new OutboxSignal();
        OutboxWriter writer = OutboxFixture.writer(signal);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ShardDatabases shards = OutboxFixture.shards("data_order")) {
            // 4 keys x 30 events, interleaved, before the relay starts: with batches of 10 it takes 12 rounds
            Map<Long, List<Integer>> written = new LinkedHashMap<>();
            for (int i = 0; i < 30; i++) {
                for (long key = 1; key <= 4; key++) {
                    long k = key;
                    int n = i;
                    shards.inShard(k, shard -> writer.append(table, shard, k, "ITEM_UPDATE", null, null, 1L,
                            Map.of("n", n)));
                    written.computeIfAbsent(k, x -> new ArrayList<>()).add(n);
                }
            }
            OutboxRelays relays = OutboxFixture.relays(table, shards,
                    OutboxFixture.kafka(infra.kafkaBootstrap(), Duration.ofSeconds(5)), signal,
                    OutboxFixture.properties(10), registry);
            relays.start();
            try {
                List<ConsumerRecord<String, String>> records =
                        OutboxFixture.consume(infra.kafkaBootstrap(), topic, 120, Duration.ofSeconds(30));
                assertThat(records).hasSize(120);
                Map<Long, List<Integer>> received = new LinkedHashMap<>();
                for (ConsumerRecord<String, String> r : records) {
                    JsonNode envelope = JSON.readTree(r.value());
                    assertThat(envelope.path("type").asString()).isEqualTo("ITEM_UPDATE");
                    received.computeIfAbsent(Long.parseLong(r.key()), x -> new ArrayList<>())
                            .add(envelope.path("data").path("n").asInt());
                }
                assertThat(received).isEqualTo(written);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    for (Shard shard : shards.all()) {
                        assertThat(OutboxRelays.pending(table, shard)).isZero();
                    }
                });
                assertThat(registry.get("outbox.lag").tag("table", "test_outbox").timer().count()).isEqualTo(120);
                assertThat(registry.get("outbox.pending").tag("shard", "shard-0").gauge().value()).isZero();

                // a commit wakes the relay: no waiting for the next poll
                long started = System.nanoTime();
                shards.inShard(9, shard -> writer.append(table, shard, 9, "ITEM_CREATE", null, null, 1L, Map.of()));
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                        .until(() -> OutboxRelays.pending(table, shards.forKey(9)) == 0);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            } finally {
                relays.stop();
            }
        }
    }

    @Test
    void onlyOneRelayPerShardPublishesWhenTwoInstancesRun() {
        String topic = OutboxFixture.topic();
        infra.kafka().createTopics(topic);
        OutboxTable table = OutboxFixture.table(topic);
        try (ShardDatabases a = OutboxFixture.shards("data_leader");
             ShardDatabases b = OutboxFixture.shards("data_leader")) {
            OutboxSignal signalA = new OutboxSignal();
            OutboxSignal signalB = new OutboxSignal();
            KafkaTemplate<String, String> kafka = OutboxFixture.kafka(infra.kafkaBootstrap(), Duration.ofSeconds(5));
            OutboxRelays first = OutboxFixture.relays(table, a, kafka, signalA, OutboxFixture.properties(5),
                    new SimpleMeterRegistry());
            OutboxRelays second = OutboxFixture.relays(table, b, kafka, signalB, OutboxFixture.properties(5),
                    new SimpleMeterRegistry());
            first.start();
            second.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> first.leading() + second.leading() == 2);
                OutboxWriter writerA = OutboxFixture.writer(signalA);
                OutboxWriter writerB = OutboxFixture.writer(signalB);
                for (int i = 0; i < 40; i++) {
                    long key = i % 4;
                    int n = i;
                    OutboxWriter writer = i % 2 == 0 ? writerA : writerB;
                    ShardDatabases shards = i % 2 == 0 ? a : b;
                    shards.inShard(key, shard -> writer.append(table, shard, key, "ITEM_UPDATE", null, null, 1L,
                            Map.of("n", n)));
                }
                List<ConsumerRecord<String, String>> records =
                        OutboxFixture.consume(infra.kafkaBootstrap(), topic, 40, Duration.ofSeconds(30));
                assertThat(records).extracting(r -> JSON.readTree(r.value()).path("data").path("n").asInt())
                        .hasSize(40).doesNotHaveDuplicates();
                assertThat(first.leading() + second.leading()).isEqualTo(2);

                // the leader goes away: the other instance takes over its shards
                first.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> second.leading() == 2);
                a.inShard(1, shard -> writerA.append(table, shard, 1, "ITEM_DELETE", null, null, 1L, Map.of()));
                await().atMost(Duration.ofSeconds(10)).until(() -> OutboxRelays.pending(table, b.forKey(1)) == 0);
            } finally {
                first.stop();
                second.stop();
            }
        }
    }

    @Test
    void theRelayCarriesOnWhenKafkaComesBack(@TempDir Path dir) throws Exception {
        KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), FreePorts.find(), FreePorts.find(),
                dir.resolve("kafka.log"));
        String topic = OutboxFixture.topic();
        OutboxTable table = OutboxFixture.table(topic);
        OutboxSignal signal = new OutboxSignal();
        OutboxWriter writer = OutboxFixture.writer(signal);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (broker; ShardDatabases shards = OutboxFixture.shards("data_outage")) {
            broker.createTopics(3, topic);
            OutboxRelays relays = OutboxFixture.relays(table, shards,
                    OutboxFixture.kafka(broker.bootstrapServers(), Duration.ofSeconds(2)), signal,
                    OutboxFixture.properties(10), registry);
            relays.start();
            try {
                shards.inShard(1, shard -> writer.append(table, shard, 1, "ITEM_CREATE", null, null, 1L,
                        Map.of("n", 0)));
                await().atMost(Duration.ofSeconds(20)).until(() -> OutboxRelays.pending(table, shards.forKey(1)) == 0);

                broker.stop();
                for (int n = 1; n <= 5; n++) {
                    int i = n;
                    shards.inShard(1, shard -> writer.append(table, shard, 1, "ITEM_UPDATE", null, null, 1L,
                            Map.of("n", i)));
                }
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> registry.find("outbox.failures").counter() != null
                                && registry.find("outbox.failures").counter().count() > 0);
                assertThat(OutboxRelays.pending(table, shards.forKey(1))).isEqualTo(5);

                broker.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> OutboxRelays.pending(table, shards.forKey(1)) == 0);
                List<ConsumerRecord<String, String>> records =
                        OutboxFixture.consume(broker.bootstrapServers(), topic, 6, Duration.ofSeconds(30));
                // at least once, in order: a retried row may come twice, never out of order
                List<Integer> seen = records.stream()
                        .map(r -> JSON.readTree(r.value()).path("data").path("n").asInt()).distinct().toList();
                assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5);
            } finally {
                relays.stop();
            }
        }
    }
}
