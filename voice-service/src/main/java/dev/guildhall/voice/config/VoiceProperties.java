package dev.guildhall.voice.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param tokenSecret      signs voice tokens; the media nodes hold the same one (ADR 007)
 * @param tokenTtl         how long a voice token may be presented
 * @param serverUrl        server-service, for permissions and channel types
 * @param redisUrl         voice states and the media-node registry
 * @param redisTimeout     a Redis slower than this fails the request (503)
 * @param callTimeout      connect + read timeout of one call to server-service or a media node
 * @param nodeStaleAfter   a node whose last load report is older than this is dead
 * @param watchdogInterval how often dead nodes are looked for
 */
@Validated
@ConfigurationProperties("guildhall.voice")
public record VoiceProperties(@NotBlank String tokenSecret, @NotNull Duration tokenTtl, @NotBlank String serverUrl,
                              @NotBlank String redisUrl, @NotNull Duration redisTimeout, @NotNull Duration callTimeout,
                              @NotNull Duration nodeStaleAfter, @NotNull Duration watchdogInterval) {
}
