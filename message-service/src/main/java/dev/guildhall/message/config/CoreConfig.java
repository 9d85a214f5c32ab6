package dev.guildhall.message.config;

import dev.guildhall.common.id.SnowflakeGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The small shared pieces: time, ids (security, the caller and errors come from service-support). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MessageProperties.class, ServiceProperties.class})
class CoreConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Ids of every object this process creates (ADR 001); the worker id is distinct per process. */
    @Bean
    SnowflakeGenerator snowflakeGenerator(MessageProperties properties) {
        return new SnowflakeGenerator(properties.workerId());
    }
}
