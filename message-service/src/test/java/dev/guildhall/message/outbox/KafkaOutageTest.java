package dev.guildhall.message.outbox;

import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.EventTap;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN: "a Kafka outage delays delivery but never loses a message". The service first runs
 * with its producer pointed at a port where nothing listens: sends still answer 200 at once and
 * their outbox rows stay unsent. Then it runs again, on the same databases, with Kafka back: the
 * rows are published, in order, and marked sent.
 */
class KafkaOutageTest {

    static final StubServices stub = StubServices.get();

    @Test
    void sendsSucceedWhileKafkaIsDownAndTheirEventsFollowWhenItReturns() throws Exception {
        String deadKafka = "127.0.0.1:" + FreePorts.find();
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        List<String> sent = new ArrayList<>();

        try (ConfigurableApplicationContext down = start(deadKafka)) {
            Api api = IntegrationTest.api(down);
            // the first request of a fresh process pays for JWKS, pools and JIT: not what is measured
            sent.add(api.post("/api/v1/channels/" + channel + "/messages", token, Api.content("warm-up")).text("message_id"));
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                var r = api.post("/api/v1/channels/" + channel + "/messages", token, Api.content("during outage " + i));
                assertThat(r.status()).isEqualTo(200);
                // a send that waited for Kafka would take at least max.block.ms (5 s)
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
                sent.add(r.text("message_id"));
            }
            Thread.sleep(2_000); // the relay has tried, and failed, meanwhile
            assertThat(unsent(channel)).isEqualTo(4);
        }

        try (EventTap tap = new EventTap(TestInfrastructure.get().kafkaBootstrap());
             ConfigurableApplicationContext up = start(TestInfrastructure.get().kafkaBootstrap())) {
            List<EventTap.Event> events = tap.await(Long.toString(channel), 4, Duration.ofSeconds(30));
            assertThat(events).extracting(e -> e.data().path("message_id").asString()).containsExactlyElementsOf(sent);
            await().atMost(Duration.ofSeconds(10)).until(() -> unsent(channel) == 0);
        }
    }

    private static ConfigurableApplicationContext start(String kafka) {
        Map<String, String> properties = new HashMap<>(IntegrationTest.properties("msg_outage", kafka));
        properties.put("spring.kafka.producer.properties.max.block.ms", "5000");
        properties.put("spring.kafka.producer.properties.delivery.timeout.ms", "3000");
        properties.put("spring.kafka.producer.properties.request.timeout.ms", "2000");
        properties.put("guildhall.outbox.max-backoff", "500ms");
        return IntegrationTest.start(properties);
    }

    /** Unsent outbox rows of the channel, over both shard databases. */
    private static long unsent(long channel) {
        long total = 0;
        for (String db : List.of("msg_outage_shard_0", "msg_outage_shard_1")) {
            TestInfrastructure infra = TestInfrastructure.get();
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(infra.jdbcUrl(db), infra.dbUsername(),
                    infra.dbPassword()));
            total += jdbc.sql("SELECT COUNT(*) FROM message_outbox WHERE channel_id = ? AND sent_at IS NULL")
                    .param(channel).query(Long.class).single();
        }
        return total;
    }
}
