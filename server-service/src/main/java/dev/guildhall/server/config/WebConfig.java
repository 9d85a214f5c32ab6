package dev.guildhall.server.config;

import dev.guildhall.common.id.SnowflakeGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    /** Ids of every object this process creates (ADR 001); the worker id is distinct per process. */
    @Bean
    SnowflakeGenerator snowflakeGenerator(@Value("${guildhall.server.worker-id}") long workerId) {
        return new SnowflakeGenerator(workerId);
    }
}
