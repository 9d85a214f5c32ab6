package dev.guildhall.websocket.config;

import dev.guildhall.websocket.fanout.PartitionAssignments;
import dev.guildhall.websocket.session.SessionRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP once the fan-out consumer holds partitions (before that, events published now could be
 * missed); Redis is reported but does not gate: without it sessions work, resume and presence
 * degrade.
 */
public class GatewayHealthIndicator implements HealthIndicator {

    private final PartitionAssignments consumer;
    private final Redis redis;
    private final SessionRegistry sessions;

    public GatewayHealthIndicator(PartitionAssignments consumer, Redis redis, SessionRegistry sessions) {
        this.consumer = consumer;
        this.redis = redis;
        this.sessions = sessions;
    }

    @Override
    public Health health() {
        Health.Builder builder = consumer.ready() ? Health.up() : Health.outOfService();
        return builder
                .withDetail("kafka_topics", consumer.topics())
                .withDetail("kafka_partitions", consumer.partitions())
                .withDetail("redis", redis.connected() ? "connected" : "unreachable")
                .withDetail("connections", sessions.connections().size())
                .withDetail("sessions", sessions.sessions().size())
                .build();
    }
}
