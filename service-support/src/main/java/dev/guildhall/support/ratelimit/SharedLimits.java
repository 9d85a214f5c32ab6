package dev.guildhall.support.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Limits enforced in more than one service, declared once (DESIGN "Rate limits").
 *
 * @param messageSend sends per user per channel: the gateway's {@code messages.create} bucket and
 *                    message-service's own check (default 5 per 5 s)
 */
@ConfigurationProperties("guildhall.rate-limit")
public record SharedLimits(Limit messageSend) {

    public SharedLimits {
        messageSend = messageSend != null ? messageSend : new Limit(5, Duration.ofSeconds(5));
    }
}
