package dev.guildhall.auth.config;

import dev.guildhall.auth.crypto.SecretCipher;
import dev.guildhall.common.id.SnowflakeGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** The small shared pieces: time, randomness, ids, the secret cipher, scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(AuthProperties.class)
public class CoreConfig {

    private static final Logger log = LoggerFactory.getLogger(CoreConfig.class);

    /** UTC, ticking in microseconds: what DATETIME(6) stores, so a time read back equals the one written. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    SnowflakeGenerator snowflakeGenerator(AuthProperties properties) {
        return new SnowflakeGenerator(properties.workerId());
    }

    @Bean
    SecretCipher secretCipher(AuthProperties properties, SecureRandom random) {
        SecretCipher cipher = SecretCipher.fromBase64Key(properties.secretKey(), random);
        if (!cipher.encrypts()) {
            log.warn("GUILDHALL_AUTH_SECRET_KEY is not set: signing keys and TOTP secrets are stored unencrypted "
                    + "(acceptable for development only)");
        }
        return cipher;
    }
}
