package dev.guildhall.bot.interaction;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Slash commands and interactions ({@code guildhall.interactions.*}, documented in application.yml).
 *
 * @param serverUrl     server-service: membership and permissions
 * @param messageUrl    message-service: writes the messages an interaction's answers produce
 * @param callTimeout   the longest one call to either may take
 * @param tokenLifetime how long an interaction's token is accepted (Discord: 15 minutes)
 * @param responseDeadline how long the bot has to answer before the invoker is told it did not respond (3 s)
 */
@Validated
@ConfigurationProperties("guildhall.interactions")
public record InteractionProperties(@NotBlank String serverUrl, @NotBlank String messageUrl,
                                    @NotNull Duration callTimeout, @NotNull Duration tokenLifetime,
                                    @NotNull Duration responseDeadline) {
}
