package dev.guildhall.data.outbox;

import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.DatabaseProperties;
import dev.guildhall.data.db.Migrations;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.infra.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The library's pieces wired by hand, as the auto-configuration wires them, against the real
 * embedded MariaDB (two shard databases of their own per test) and a real Kafka broker.
 */
final class OutboxFixture {

    static final Migrations MIGRATIONS = new Migrations("flyway_history_test", null, "classpath:db/test/shard");

    private OutboxFixture() {
    }

    static ShardDatabases shards(String prefix) {
        TestInfrastructure infra = TestInfrastructure.get();
        DatabaseProperties props = new DatabaseProperties(null,
                List.of(infra.jdbcUrl(prefix + "_shard_0"), infra.jdbcUrl(prefix + "_shard_1")), null,
                infra.dbUsername(), infra.dbPassword(), 4);
        return new ShardDatabases(props, MIGRATIONS, "test", null);
    }

    static OutboxTable table(String topic) {
        return new OutboxTable("test_outbox", "item_id", topic, OutboxTable.Scope.SHARDS);
    }

    private static final java.util.concurrent.atomic.AtomicInteger WORKERS = new java.util.concurrent.atomic.AtomicInteger();

    /** A writer with a snowflake worker id of its own, as each instance of a service has. */
    static OutboxWriter writer(OutboxSignal signal) {
        return new OutboxWriter(new SnowflakeGenerator(WORKERS.incrementAndGet()), JsonMapper.builder().build(),
                Clock.systemUTC(), signal);
    }

    static KafkaTemplate<String, String> kafka(String bootstrap, Duration maxBlock) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    static OutboxProperties properties(int batchSize) {
        return new OutboxProperties(true, batchSize, Duration.ofMillis(10), Duration.ofMillis(100),
                Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofDays(1));
    }

    /** One service instance's relays. */
    static OutboxRelays relays(OutboxTable table, ShardDatabases shards, KafkaTemplate<String, String> kafka,
                               OutboxSignal signal, OutboxProperties properties, SimpleMeterRegistry registry) {
        return new OutboxRelays(List.of(table), shards, null, kafka, signal, properties,
                new OutboxMetrics(registry, List.of()), Clock.systemUTC());
    }

    static String topic() {
        return "outbox-test-" + UUID.randomUUID();
    }

    /** Reads a topic from the beginning until {@code count} records arrived or the timeout passed. */
    static List<ConsumerRecord<String, String>> consume(String bootstrap, String topic, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            // a little longer: anything published twice would show up now
            long settle = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }
}
