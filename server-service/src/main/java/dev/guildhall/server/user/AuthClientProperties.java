package dev.guildhall.server.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The user-lookup fallback to auth-service.
 *
 * @param url     {@code GUILDHALL_AUTH_URL}
 * @param timeout connect and read timeout of one call (the resilience4j time limiter
 *                {@code auth-service} bounds it as well)
 */
@Validated
@ConfigurationProperties("guildhall.auth")
public record AuthClientProperties(@NotBlank String url, @NotNull Duration timeout) {
}
