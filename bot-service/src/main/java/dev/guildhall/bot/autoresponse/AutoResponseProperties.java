package dev.guildhall.bot.autoresponse;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Auto-responses (documented in application.yml).
 *
 * @param serverUrl         server-service: permissions of the person managing rules, the server's name
 * @param messageUrl        message-service: where the system bot's answers, reactions and deletes go
 * @param callTimeout       the longest one call to either may take
 * @param maxPerServer      rules one server may hold
 * @param maxPatternLength  the longest regex (RE2/J matching is linear in input, compiling is not free)
 * @param cooldown          one response per rule per channel per this long
 * @param rulesCacheTtl     how long an instance keeps a server's compiled rules (writes on this instance
 *                          drop them at once; other instances see a change within this)
 * @param eventMemory       how long an event id is remembered, so a redelivered event answers nothing
 * @param systemBotUsername the wished-for username of the install's system bot (auth-service may suffix it)
 */
@Validated
@ConfigurationProperties("guildhall.auto-responses")
public record AutoResponseProperties(@NotBlank String serverUrl, @NotBlank String messageUrl,
                                     @NotNull Duration callTimeout, @Min(1) @Max(1000) int maxPerServer,
                                     @Min(10) @Max(500) int maxPatternLength, @NotNull Duration cooldown,
                                     @NotNull Duration rulesCacheTtl, @NotNull Duration eventMemory,
                                     @NotBlank String systemBotUsername) {
}
