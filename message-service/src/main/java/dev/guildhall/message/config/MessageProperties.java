package dev.guildhall.message.config;

import dev.guildhall.support.ratelimit.Limit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    /**
     * Whether sends and reaction toggles are limited here; the send limit itself is
     * {@code guildhall.rate-limit.message-send}.
     *
     * @param reactionToggles reactions added or removed per user, across channels (ADR 209)
     */
    public record RateLimit(boolean enabled, @NotNull Limit reactionToggles) {
    }

    /** An in-memory cache of another service's answers. */
    public record Cache(@NotNull Duration ttl, @Min(1) long maxSize) {
    }
}
