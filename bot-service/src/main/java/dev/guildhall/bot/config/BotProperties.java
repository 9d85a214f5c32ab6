package dev.guildhall.bot.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * bot-service's settings (documented in application.yml).
 *
 * @param workerId                snowflake worker id of this process
 * @param authUrl                 auth-service, which creates bot users and answers profiles
 * @param serverUrl               server-service, which answers permissions
 * @param messageUrl              message-service, which writes bot, webhook and interaction messages
 * @param callTimeout             the longest a call to auth-service may take
 * @param maxApplicationsPerOwner applications one person may own
 */
@Validated
@ConfigurationProperties("guildhall.bot")
public record BotProperties(@Min(0) @Max(1023) long workerId, @NotBlank String authUrl, @NotBlank String serverUrl,
                            @NotBlank String messageUrl, @NotNull Duration callTimeout,
                            @Min(1) int maxApplicationsPerOwner) {
}
