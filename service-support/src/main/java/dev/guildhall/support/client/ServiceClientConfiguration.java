package dev.guildhall.support.client;

import dev.guildhall.support.security.InternalProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * For a service that calls others: {@link InternalClients} (token, standbys) and {@link ResilientCalls}, built on the
 * resilience4j registries Boot configures.
 */
@AutoConfiguration(afterName = {
        "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
        "io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration",
        "io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ClientProperties.class, InternalProperties.class})
public class ServiceClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InternalClients internalClients(InternalProperties internal, ClientProperties properties) {
        return new InternalClients(internal.internalToken(), new StandbyFallback(StandbyOrigins.of(properties.standbys())));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({CircuitBreakerRegistry.class, RetryRegistry.class, TimeLimiterRegistry.class})
    ResilientCalls resilientCalls(CircuitBreakerRegistry breakers, RetryRegistry retries, TimeLimiterRegistry limiters) {
        return new ResilientCalls(breakers, retries, limiters);
    }
}
