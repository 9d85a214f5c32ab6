package dev.guildhall.websocket.config;

import dev.guildhall.common.event.Topics;
import dev.guildhall.websocket.fanout.PartitionAssignments;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/** The fan-out consumer's container (with the rebalance hook that gates readiness) and our topic. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> fanoutContainerFactory(
            ConsumerFactory<String, String> consumerFactory, PartitionAssignments assignments,
            GatewayProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setConcurrency(properties.fanout().consumerConcurrency());
        factory.getContainerProperties().setConsumerRebalanceListener(assignments);
        // a hand-made factory does not read spring.kafka.listener.observation-enabled: each record is handled
        // inside a span continuing the traceparent in its headers, so dispatch logs carry the sender's trace (ADR 172)
        factory.getContainerProperties().setObservationEnabled(true);
        // offsets committed once a second, not after every poll (ADR 240): at chat rates a poll holds one or two
        // records, so committing per poll was a broker round trip per message per node. The group is this node's
        // own and starts at the latest offset; what a restart could redeliver is for sessions that no longer
        // exist here, and the event-id de-duplication drops it anyway
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(1000);
        return factory;
    }

    @Bean
    PartitionAssignments partitionAssignments() {
        return new PartitionAssignments();
    }

    /** websocket-service owns {@code presence}; created at start when missing (best effort). */
    @Bean
    NewTopic presenceTopic() {
        return TopicBuilder.name(Topics.PRESENCE).partitions(3).build();
    }

    /**
     * bot-service owns bot-events and declares it the same way; declared here too so this node's consumer (whose
     * readiness waits for every topic's partitions) is not held up by a fleet where bot-service starts later.
     */
    @Bean
    NewTopic botEventsTopic() {
        return TopicBuilder.name(Topics.BOT_EVENTS).partitions(3).build();
    }
}
