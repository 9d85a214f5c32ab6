package dev.guildhall.bot.discord;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The Discord-compatible REST surface (ADR 177).
 *
 * @param serverUrl   server-service, owner of guilds, channels, roles and members
 * @param messageUrl  message-service, owner of messages, reactions and typing
 * @param callTimeout the longest one call to an owner may take
 * @param uploadTimeout the longest a multipart message send, streamed through to message-service, may take
 * @param gatewayUrl  the {@code url} {@code /gateway/bot} answers; blank: derived from the request's
 *                    {@code X-Forwarded-*} headers (the gateway's host) plus {@code gatewayPath}
 * @param gatewayPath where the gateway routes the Discord-dialect WebSocket
 */
@Validated
@ConfigurationProperties("guildhall.discord")
public record DiscordProperties(@NotBlank String serverUrl, @NotBlank String messageUrl, @NotNull Duration callTimeout,
                                @NotNull Duration uploadTimeout,
                                String gatewayUrl, @NotBlank String gatewayPath) {
}
