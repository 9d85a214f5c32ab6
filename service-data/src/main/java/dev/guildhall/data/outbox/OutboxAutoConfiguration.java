package dev.guildhall.data.outbox;

import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.DataAutoConfiguration;
import dev.guildhall.data.db.GlobalDataSourceAutoConfiguration;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.data.db.ShardDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * The outbox of every service that declares an {@link OutboxTable}: the writer, the relays, their
 * meters, and a producer that stays idempotent with {@code acks=all} (ADR 122).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, DataAutoConfiguration.class,
        GlobalDataSourceAutoConfiguration.class})
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(OutboxTable.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxMetrics outboxMetrics(ObjectProvider<MeterRegistry> registry, ObjectProvider<OutboxListener> listeners) {
        return new OutboxMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), listeners.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxWriter outboxWriter(SnowflakeGenerator ids, ObjectProvider<JsonMapper> json, ObjectProvider<Clock> clock,
                              OutboxSignal signal, OutboxTracing tracing) {
        return new OutboxWriter(ids, json.getIfAvailable(() -> JsonMapper.builder().build()),
                clock.getIfAvailable(Clock::systemUTC), signal, tracing);
    }

    /** The trace context from the writing request to the publishing relay (ADR 172); inert without a tracer. */
    @Bean
    @ConditionalOnMissingBean
    OutboxTracing outboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new OutboxTracing(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelays outboxRelays(ObjectProvider<OutboxTable> tables, ObjectProvider<ShardDatabases> shards,
                              ObjectProvider<GlobalDatabase> global, KafkaTemplate<String, String> kafka,
                              OutboxSignal signal, OutboxProperties properties, OutboxMetrics metrics,
                              ObjectProvider<Clock> clock, OutboxTracing tracing) {
        return new OutboxRelays(tables.orderedStream().toList(), shards.getIfAvailable(), global.getIfAvailable(),
                kafka, signal, properties, metrics, clock.getIfAvailable(Clock::systemUTC), tracing);
    }
}
