package dev.guildhall.support.lifecycle;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@link ShutdownDrain} of every web service, from {@code guildhall.shutdown.*}. */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(ShutdownDrainConfiguration.ShutdownProperties.class)
public class ShutdownDrainConfiguration {

    /**
     * @param drainDelay how long a stopping service keeps serving while its readiness refuses traffic (ADR 276)
     */
    @ConfigurationProperties("guildhall.shutdown")
    public record ShutdownProperties(Duration drainDelay) {
    }

    @Bean
    ShutdownDrain shutdownDrain(ShutdownProperties properties) {
        return new ShutdownDrain(properties.drainDelay());
    }
}
