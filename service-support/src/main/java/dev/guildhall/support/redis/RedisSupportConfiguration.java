package dev.guildhall.support.redis;

import dev.guildhall.support.ratelimit.FixedWindows;
import dev.guildhall.support.ratelimit.SharedLimits;
import dev.guildhall.support.security.TokenRevocations;
import io.lettuce.core.RedisClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import java.time.Clock;
import java.time.Duration;

/**
 * Gives every service the one {@link SharedRedis} (connected on first use) and the shared limiter and limits;
 * created only when a bean asks for them.
 * Every verifier of access tokens asks for {@link TokenRevocations}.
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

    /** Revoked access tokens (ADR 208): every verifier of this process checks them, auth-service writes them. */
    @Bean
    @ConditionalOnMissingBean
    TokenRevocations tokenRevocations(SharedRedis redis, ObjectProvider<Clock> clock) {
        return new TokenRevocations(redis, clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * How long a starting service waits for its Redis connection before it reports ready (ADR 276): a fresh instance
     * the gateway hands requests to — a standby, a restarted one — otherwise opened the connection on its first
     * requests, which then failed open or waited past the gateway's time limit. Never fails the start: without Redis the
     * service starts degraded as before.
     */
    static final Duration CONNECT_BEFORE_READY = Duration.ofSeconds(5);

    @Bean
    ApplicationRunner redisBeforeReady(ObjectProvider<SharedRedis> redis) {
        return args -> redis.ifAvailable(r -> r.awaitConnected(CONNECT_BEFORE_READY));
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    FixedWindows fixedWindows(SharedRedis redis) {
        return new FixedWindows(redis);
    }
}
