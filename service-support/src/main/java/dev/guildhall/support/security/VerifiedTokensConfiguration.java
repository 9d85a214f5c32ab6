package dev.guildhall.support.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The process's one {@link VerifiedTokens}, for every verifier of access tokens (servlet services, auth-service and
 * the reactive gateway alike). With {@code guildhall.security.verified-tokens.enabled=false} it remembers nothing.
 */
@AutoConfiguration(before = ServiceSecurityConfiguration.class)
@EnableConfigurationProperties(VerifiedTokenProperties.class)
public class VerifiedTokensConfiguration {

    @Bean
    @ConditionalOnMissingBean
    VerifiedTokens verifiedTokens(VerifiedTokenProperties properties, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        return properties.enabled()
                ? new VerifiedTokens(properties.maxSize(), properties.maxAge(), time)
                : VerifiedTokens.none();
    }
}
