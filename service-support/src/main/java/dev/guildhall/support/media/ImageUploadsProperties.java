package dev.guildhall.support.media;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * message-service as the owner of avatar and icon uploads, under {@code guildhall.images}. Not
 * {@code guildhall.media}: the launcher gives every service {@code GUILDHALL_MEDIA_URL} (the voice media node), and
 * Spring binds that environment variable to {@code guildhall.media.url} over any application.yml — that is how
 * avatars and server icons reached the media node instead of message-service on a real fleet (ADR 232).
 */
@Validated
@ConfigurationProperties("guildhall.images")
public record ImageUploadsProperties(@NotBlank String url, @NotNull Duration timeout) {
}
