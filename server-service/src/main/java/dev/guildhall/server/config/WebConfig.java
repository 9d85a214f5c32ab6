package dev.guildhall.server.config;

import dev.guildhall.common.id.SnowflakeGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What this service adds to service-support's security, caller and error handling. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** Ids of every object this process creates (ADR 001); the worker id is distinct per process. */
    @Bean
    SnowflakeGenerator snowflakeGenerator(@Value("${guildhall.server.worker-id}") long workerId) {
        return new SnowflakeGenerator(workerId);
    }
}
