package dev.guildhall.message.outbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.ProducerListener;

@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    /**
     * Replaces Boot's {@code LoggingProducerListener}, which logs every failed record at ERROR with
     * its payload — message content — while Kafka is down. The relay logs failures itself, once
     * per batch and without content.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new ProducerListener<>() {
        };
    }
}
