package dev.guildhall.websocket.discord;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The Discord-dialect gateway (ADR 177).
 *
 * @param botUrl           bot-service, which verifies bot tokens ({@code GUILDHALL_BOT_URL})
 * @param authUrl          auth-service, for the bot's profile
 * @param resumeGatewayUrl READY's {@code resume_gateway_url}: the public {@code /gateway/discord}
 * @param callTimeout      the longest IDENTIFY waits for either
 */
@Validated
@ConfigurationProperties("guildhall.discord")
public record DiscordGatewayProperties(@NotBlank String botUrl, @NotBlank String authUrl,
                                       @NotBlank String resumeGatewayUrl, @NotNull Duration callTimeout) {
}
