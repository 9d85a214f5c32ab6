package dev.guildhall.websocket.support;

import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.websocket.WebsocketServiceApplication;
import dev.guildhall.websocket.fanout.EventConsumer;
import dev.guildhall.websocket.fanout.PartitionAssignments;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One websocket-service instance in this JVM, on a random port, against the shared real Redis and
 * Kafka and a {@link FakeUpstream}. Several can run side by side (each has its own consumer group).
 */
public final class GatewayNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private GatewayNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static GatewayNode start(FakeUpstream upstream, Map<String, Object> overrides) {
        TestInfrastructure infra = TestInfrastructure.get();
        TestTopics.ensure();
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", 0);
        props.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrap());
        props.put("guildhall.websocket.redis-url", infra.redisUrl());
        props.put("guildhall.upstream.auth-url", upstream.url());
        props.put("guildhall.upstream.server-url", upstream.url());
        props.put("guildhall.upstream.message-url", upstream.url());
        props.put("guildhall.upstream.internal-token", FakeUpstream.INTERNAL_TOKEN);
        props.put("guildhall.bot-tokens.url", upstream.url());
        props.put("guildhall.security.jwk-set-uri", upstream.jwksUrl());
        props.put("guildhall.security.issuer", FakeUpstream.ISSUER);
        props.put("guildhall.websocket.sweep-interval", "200ms");
        props.put("guildhall.websocket.resume-gateway-url", "ws://gateway.test/gateway");
        // tests close nodes with detached sessions left over; do not wait for them to be resumed
        props.put("guildhall.websocket.shutdown-drain", "500ms");
        props.put("logging.structured.format.console", "");
        props.put("logging.level.org.apache.kafka", "WARN");
        props.putAll(overrides);
        // as command-line arguments: they outrank application.yml (builder properties would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebsocketServiceApplication.class).run(args);
        GatewayNode node = new GatewayNode(context);
        node.awaitConsuming(Duration.ofSeconds(60));
        return node;
    }

    /** Until the fan-out consumer holds partitions of every topic (events published later are seen). */
    private void awaitConsuming(Duration timeout) {
        PartitionAssignments consumer = context.getBean(PartitionAssignments.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!consumer.topics().containsAll(List.of(EventConsumer.TOPICS))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer not assigned: " + consumer.topics());
            }
            sleep(50);
        }
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public GatewayClient connect() {
        return GatewayClient.connect(port());
    }

    /** {@code pathAndQuery}: e.g. the Discord dialect's {@code /gateway/discord?compress=zlib-stream}. */
    public GatewayClient connect(String pathAndQuery) {
        return GatewayClient.connect(port(), pathAndQuery);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
