package dev.guildhall.auth.outbox;

import dev.guildhall.common.event.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** auth-service owns {@code user-events} (key: user id) and declares it; replication is the broker's default. */
@Configuration(proxyBeanMethods = false)
class OutboxTopics {

    @Bean
    NewTopic userEventsTopic() {
        return TopicBuilder.name(Topics.USER_EVENTS).partitions(6).build();
    }
}
