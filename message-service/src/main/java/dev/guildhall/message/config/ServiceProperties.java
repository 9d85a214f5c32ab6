package dev.guildhall.message.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The other services message-service calls.
 *
 * @param serverUrl {@code GUILDHALL_SERVER_URL}: {@code /internal/permissions}, {@code /internal/servers/{id}/snapshot}
 * @param authUrl   {@code GUILDHALL_AUTH_URL}: {@code /internal/users}
 * @param timeout   connect and read timeout of one HTTP call
 */
@Validated
@ConfigurationProperties("guildhall.services")
public record ServiceProperties(@NotBlank String serverUrl, @NotBlank String authUrl, @NotNull Duration timeout) {
}
