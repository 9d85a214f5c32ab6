package dev.guildhall.message.media;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.message.attachment.AttachmentRequests;
import dev.guildhall.support.security.Caller;
import org.springframework.web.bind.annotation.PathVariable;
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

    record ClaimRequest(String userId, String purpose) {
    }

    @PostMapping(InternalApi.IMAGE_UPLOAD_CLAIM)
    ImageUploads.Claimed claim(@PathVariable String uploadId, @RequestBody ClaimRequest request) {
        return uploads.claim(Snowflake.parse(uploadId), Snowflake.parse(request.userId()), request.purpose());
    }
}
