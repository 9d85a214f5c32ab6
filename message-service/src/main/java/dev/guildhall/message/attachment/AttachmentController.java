package dev.guildhall.message.attachment;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Direct uploads: reserve, then send the bytes to each {@code upload_url}, then name the uploads in a message. */
@RestController
class AttachmentController {

    private final AttachmentService attachments;

    AttachmentController(AttachmentService attachments) {
        this.attachments = attachments;
    }

    /** {@code [{upload_id, upload_url, expires_at}]}, one per file, in order. Needs ATTACH_FILES. */
    @PostMapping("/api/v1/channels/{channelId}/attachments")
    List<AttachmentRequests.Upload> create(Caller caller, @PathVariable String channelId,
                                           DeferredBody<AttachmentRequests.CreateUploads> request) {
        return attachments.createUploads(caller.userId(), Snowflake.parse(channelId), request);
    }

    /** Cancels an upload of the caller that no message names yet: its row and object go now (ADR 233). */
    @DeleteMapping("/api/v1/channels/{channelId}/attachments/{uploadId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(Caller caller, @PathVariable String channelId, @PathVariable String uploadId) {
        attachments.cancel(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(uploadId));
    }
}
