package dev.guildhall.websocket.discord;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Discord-dialect gateway (ADR 177).
 *
 * @param resumeGatewayUrl READY's {@code resume_gateway_url}: the public {@code /gateway/discord}
 */
@Validated
@ConfigurationProperties("guildhall.discord")
public record DiscordGatewayProperties(@NotBlank String resumeGatewayUrl) {
}
