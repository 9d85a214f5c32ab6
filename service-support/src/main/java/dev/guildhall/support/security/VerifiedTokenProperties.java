package dev.guildhall.support.security;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The cache of verified access tokens ({@link VerifiedTokens}, ADR 236).
 *
 * @param enabled whether verified tokens are remembered at all (false: every request verifies the signature)
 * @param maxSize the most tokens remembered (about 1 KB of heap each)
 * @param maxAge  the longest a token is remembered; never past its own {@code exp}
 */
@Validated
@ConfigurationProperties("guildhall.security.verified-tokens")
public record VerifiedTokenProperties(@DefaultValue("true") boolean enabled,
                                      @DefaultValue("10000") @Positive long maxSize,
                                      @DefaultValue("5m") Duration maxAge) {
}
