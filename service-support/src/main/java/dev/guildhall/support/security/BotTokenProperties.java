package dev.guildhall.support.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How this service verifies {@code Authorization: Bot} tokens with bot-service (ADR 152).
 *
 * @param url         bot-service's base URL ({@code GUILDHALL_BOT_URL}, shared default in common's defaults)
 * @param validFor    how long a verified token is believed without asking again: a rotation takes effect
 *                    within this (issue 10: at most 5 s)
 * @param invalidFor  how long a refused token is remembered, so a flood of wrong tokens cannot hammer bot-service
 * @param timeout     the longest one verification call may take before the request is answered 503
 * @param maximumSize tokens kept in the cache
 */
@Validated
@ConfigurationProperties("guildhall.bot-tokens")
public record BotTokenProperties(@NotBlank @DefaultValue("http://localhost:8087") String url,
                                 @DefaultValue("5s") Duration validFor,
                                 @DefaultValue("2s") Duration invalidFor,
                                 @DefaultValue("2s") Duration timeout,
                                 @DefaultValue("10000") long maximumSize) {
}
