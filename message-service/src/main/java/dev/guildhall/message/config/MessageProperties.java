package dev.guildhall.message.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Everything message-service can be tuned with, under {@code guildhall.message}. Defaults and
 * their meaning are documented where they are declared: {@code application.yml}.
 */
@Validated
@ConfigurationProperties("guildhall.message")
public record MessageProperties(
        @Min(0) @Max(1023) long workerId,
        @NotNull @Valid Limits limits,
        @NotNull @Valid RateLimit rateLimit,
        @NotNull @Valid Redis redis,
        @NotNull Duration nonceTtl,
        @NotNull Duration typingThrottle,
        @NotNull @Valid Cache permissionCache,
        @NotNull @Valid Cache userCache) {

    /** Sizes of things; the API refuses what exceeds them. */
    public record Limits(@Min(1) @Max(4000) int maxContentLength,
                         @Min(1) int historyDefaultLimit, @Min(1) @Max(100) int historyMaxLimit,
                         @Min(1) int maxReactionsPerMessage,
                         @Min(1) int reactionUsersDefaultLimit, @Min(1) @Max(100) int reactionUsersMaxLimit,
                         @Min(1) int maxPinsPerChannel,
                         @Min(1) int searchDefaultLimit, @Min(1) @Max(100) int searchMaxLimit,
                         @Min(0) int searchMaxOffset) {
    }

    /** Sends per user per channel, shared across instances through Redis. */
    public record RateLimit(boolean enabled, @Min(1) long capacity, @NotNull Duration period) {
    }

    /** The Redis behind the rate limit, nonce de-duplication and the typing throttle. */
    public record Redis(@NotBlank String url, @NotNull Duration timeout) {
    }

    /** An in-memory cache of another service's answers. */
    public record Cache(@NotNull Duration ttl, @Min(1) long maxSize) {
    }
}
