package dev.guildhall.message.media;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Media of attachments, under {@code guildhall.media} (ADR 193); defaults in {@code application.yml}.
 *
 * @param enabled        whether the media worker consumes MESSAGE_CREATE at all
 * @param maxPixels      an image with more pixels (width × height from its header) is never decoded
 * @param thumbnailSize  the long side of a thumbnail, in pixels
 * @param posterTimeout  how long the first frame of a video may take to decode before the video goes without a
 *                       poster (ADR 256)
 */
@Validated
@ConfigurationProperties("guildhall.media")
public record MediaProperties(boolean enabled, @Min(1) long maxPixels, @Min(16) @Max(2048) int thumbnailSize,
                              @NotNull Duration posterTimeout) {
}
