package dev.guildhall.voice.config;

import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.voice.VoiceTokens;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(VoiceProperties.class)
class VoiceConfig {

    @Bean
    VoiceTokens voiceTokens(VoiceProperties properties) {
        return new VoiceTokens(properties.tokenSecret());
    }

    @Bean
    SnowflakeGenerator snowflakes(VoiceProperties properties) {
        return new SnowflakeGenerator(properties.workerId());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
