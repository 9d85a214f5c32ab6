package dev.guildhall.gateway.health;

import dev.guildhall.support.redis.SharedRedis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Health component {@code redis}: the gateway's one Redis connection ({@link SharedRedis}, which the rate
 * limiter and the media-node directory use) answers {@code PING}. Never connects or waits on the calling
 * thread: without a connection it is DOWN at once (and a connection is attempted in the background). Part
 * of the overall status only, not of the probes (ADR 036).
 */
@Component("redisHealthIndicator")
public class RedisHealthIndicator implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final SharedRedis redis;

    public RedisHealthIndicator(SharedRedis redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Health> health() {
        String where = redis.properties().url().replaceAll("//[^@/]*@", "//");
        return Mono.defer(() -> redis.ifConnected()
                        .map(c -> Mono.fromCompletionStage(c.async().ping())
                                .map(pong -> Health.up().withDetail("url", where).build()))
                        .orElseGet(() -> Mono.just(Health.down().withDetail("url", where)
                                .withDetail("error", "not connected").build())))
                .timeout(TIMEOUT)
                .onErrorResume(error -> Mono.just(Health.down().withDetail("url", where)
                        .withDetail("error", error.toString()).build()));
    }
}
