package dev.guildhall.bot.config;

import dev.guildhall.common.id.SnowflakeGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotProperties.class)
public class BotConfig {

    @Bean
    SnowflakeGenerator snowflakes(BotProperties properties) {
        return new SnowflakeGenerator(properties.workerId());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Bot token secrets (ADR 151). */
    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
