package dev.guildhall.support.redis;

import dev.guildhall.support.ratelimit.FixedWindows;
import dev.guildhall.support.ratelimit.SharedLimits;
import io.lettuce.core.RedisClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Gives every service the one {@link SharedRedis} (connected on first use) and the shared limiter and limits;
 * created only when a bean asks for them.
 */
@AutoConfiguration
@ConditionalOnClass(RedisClient.class)
@EnableConfigurationProperties({RedisProperties.class, SharedLimits.class})
public class RedisSupportConfiguration {

    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    SharedRedis sharedRedis(RedisProperties properties) {
        return new SharedRedis(properties);
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    FixedWindows fixedWindows(SharedRedis redis) {
        return new FixedWindows(redis);
    }
}
