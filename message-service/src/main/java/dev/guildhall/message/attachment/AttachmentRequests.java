package dev.guildhall.message.attachment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Request and response bodies of the upload endpoints, and an attachment as a message send names it. */
public final class AttachmentRequests {

    private AttachmentRequests() {
    }

    /** {@code POST /channels/{id}/attachments}; the number of files is checked against the configured limit. */
    public record CreateUploads(@NotEmpty @Valid List<@NotNull @Valid FileSpec> files) {
    }

    public record FileSpec(@NotBlank @Size(max = 255) String filename, @NotNull @PositiveOrZero Long size,
                           @NotBlank @Size(max = 255) String contentType) {
    }

    public record Upload(String uploadId, String uploadUrl, Instant expiresAt) {
    }

    /**
     * An attachment of a message being sent: an upload of the sender in this channel.
     *
     * @param filename the name shown (default: the upload's)
     */
    public record Ref(@NotBlank String uploadId, @Size(max = 255) String filename, @Size(max = 1024) String description,
                      Boolean spoiler) {
    }
}
