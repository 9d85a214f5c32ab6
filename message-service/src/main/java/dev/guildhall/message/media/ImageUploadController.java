package dev.guildhall.message.media;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.message.attachment.AttachmentRequests;
import dev.guildhall.support.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/uploads {filename, size, content_type, purpose}} → {@code {upload_id, upload_url, expires_at}}
 * for an avatar or a server icon; auth-service and server-service claim it through the internal path.
 */
@RestController
class ImageUploadController {

    private final ImageUploads uploads;

    ImageUploadController(ImageUploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping("/api/v1/uploads")
    AttachmentRequests.Upload create(Caller caller, @RequestBody ImageUploads.Create request) {
        return uploads.reserve(caller.userId(), request);
    }

    /** Cancels an avatar or icon upload of the caller that was not claimed: row and object go now (ADR 233). */
    @DeleteMapping("/api/v1/uploads/{uploadId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(Caller caller, @PathVariable String uploadId) {
        uploads.cancel(caller.userId(), Snowflake.parse(uploadId));
    }

    record ClaimRequest(String userId, String purpose) {
    }

    record ReleaseRequest(String url, String purpose) {
    }

    record Released(long objectsDeleted) {
    }

    @PostMapping(InternalApi.IMAGE_RELEASE)
    Released release(@RequestBody ReleaseRequest request) {
        return new Released(uploads.release(request.url(), request.purpose()));
    }

    @PostMapping(InternalApi.IMAGE_UPLOAD_CLAIM)
    ImageUploads.Claimed claim(@PathVariable String uploadId, @RequestBody ClaimRequest request) {
        return uploads.claim(Snowflake.parse(uploadId), Snowflake.parse(request.userId()), request.purpose());
    }
}
