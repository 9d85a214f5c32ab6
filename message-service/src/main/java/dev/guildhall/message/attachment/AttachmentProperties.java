package dev.guildhall.message.attachment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Attachments, under {@code guildhall.attachments}; defaults and their meaning are documented in
 * {@code application.yml}.
 *
 * @param maxFileSize        the largest file accepted
 * @param maxFilesPerMessage how many files one message carries
 * @param uploadMode         where the direct-upload {@code upload_url} points (ADR 161)
 * @param uploadTtl          an upload never attached to a message is deleted after this
 * @param linkTtl            how long a signed attachment link works
 * @param linkGranularity    links issued within one such period are identical (cacheable)
 * @param linkSecret         HMAC key of signed links and gateway upload URLs
 * @param publicBaseUrl      where clients reach the gateway; links are absolute URLs under it
 * @param sweepInterval      how often expired uploads are looked for
 * @param partSize           the one buffer a streamed multipart file needs (S3's multipart part size)
 */
@Validated
@ConfigurationProperties("guildhall.attachments")
public record AttachmentProperties(
        @NotNull DataSize maxFileSize,
        @Min(1) @Max(10) int maxFilesPerMessage,
        @NotNull UploadMode uploadMode,
        @NotNull Duration uploadTtl,
        @NotNull Duration linkTtl,
        @NotNull Duration linkGranularity,
        @NotBlank String linkSecret,
        @NotBlank String publicBaseUrl,
        @NotNull Duration sweepInterval,
        @NotNull DataSize partSize,
        @NotNull @Valid Storage storage) {

    /** Where browsers send the bytes of a direct upload. */
    public enum UploadMode {
        /** A signed gateway path; message-service streams the body to the store (the store need not be public). */
        GATEWAY,
        /** A presigned PUT straight to the store, which browsers must be able to reach. */
        PRESIGNED
    }

    /**
     * The S3-compatible store.
     *
     * @param accessKey blank = the AWS SDK's default credential chain
     * @param pathStyle {@code bucket} as the first path segment (S3Mock, MinIO) rather than a host name
     */
    public record Storage(@NotBlank String endpoint, @NotBlank String bucket, String accessKey, String secretKey,
                          @NotBlank String region, boolean pathStyle, boolean createBucket) {
    }
}
