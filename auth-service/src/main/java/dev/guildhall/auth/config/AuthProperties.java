package dev.guildhall.auth.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Everything auth-service can be tuned with, under {@code guildhall.auth}. Defaults and their
 * meaning are documented where they are declared: {@code application.yml}.
 */
@Validated
@ConfigurationProperties("guildhall.auth")
public record AuthProperties(
        @NotBlank String issuer,
        @NotBlank String audience,
        @Min(0) @Max(1023) long workerId,
        /* base64 of 32 bytes; blank stores secrets unencrypted (development only) */
        String secretKey,
        @NotNull @Valid Tokens tokens,
        @NotNull @Valid SigningKeys signingKeys,
        @NotNull @Valid Mfa mfa,
        @NotNull @Valid LoginThrottle loginThrottle) {

    /** Lifetimes of what login hands out. */
    public record Tokens(@NotNull Duration accessTokenTtl, @NotNull Duration refreshTokenTtl,
                         @NotNull Duration clockSkew) {
    }

    /** RS256 key rotation: see ADR 013. */
    public record SigningKeys(@NotNull Duration rotationInterval, @NotNull Duration publishDelay,
                              @NotNull Duration refreshInterval, @NotNull Duration retention,
                              @Min(2048) int keySize) {
    }

    /** TOTP second factor and the login ticket that precedes it. */
    public record Mfa(@NotBlank String totpIssuer, @NotNull Duration ticketTtl, @Min(1) int ticketMaxAttempts,
                      @Min(1) @Max(32) int recoveryCodes) {
    }

    /** Login attempts per client IP and per account, shared through Redis. */
    public record LoginThrottle(boolean enabled, @Min(1) long attempts, @NotNull Duration window,
                                boolean trustForwardedFor, @Min(0) int trustedProxyHops) {
    }
}
