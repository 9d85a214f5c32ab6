package dev.guildhall.message.config;

import dev.guildhall.common.id.SnowflakeGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/** The small shared pieces: time, ids, the {@link Caller} parameter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MessageProperties.class, ServiceProperties.class})
class CoreConfig implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

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
