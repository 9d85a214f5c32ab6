package dev.guildhall.media.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param tokenSecret {@code GUILDHALL_VOICE_TOKEN_SECRET}: the secret voice-service signs voice tokens with */
@Validated
@ConfigurationProperties("guildhall.voice")
public record VoiceTokenProperties(@NotBlank String tokenSecret) {
}
