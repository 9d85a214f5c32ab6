package dev.guildhall.message.attachment;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;

/**
 * The signed object paths, {@code /attachments/{channel_id}/{attachment_id}/{filename}}, routed by
 * the gateway without a user token (the signature is the authorization, ADR 162): GET serves the
 * file CDN-style, PUT receives the bytes of a direct upload (ADR 161).
 */
@RestController
class ObjectController {

    private static final String PATH = "/attachments/{channelId:[0-9]{1,20}}/{attachmentId:[0-9]{1,20}}/{filename:[A-Za-z0-9._-]{1,100}}";

    private final AttachmentService attachments;
    private final AttachmentDelivery delivery;

    ObjectController(AttachmentService attachments, AttachmentDelivery delivery) {
        this.attachments = attachments;
        this.delivery = delivery;
    }

    @PutMapping(PATH)
    ResponseEntity<Void> upload(@PathVariable String channelId, @PathVariable String attachmentId,
                                @PathVariable String filename, @RequestParam(required = false) String ex,
                                @RequestParam(required = false) String is, @RequestParam(required = false) String hm,
                                HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            attachments.receive(path(channelId, attachmentId, filename), ex, is, hm, request.getContentType(),
                    request.getContentLengthLong(), body);
        }
        return ResponseEntity.ok().build();
    }

    @GetMapping(PATH)
    void download(@PathVariable String channelId, @PathVariable String attachmentId, @PathVariable String filename,
                  @RequestParam(required = false) String ex, @RequestParam(required = false) String is,
                  @RequestParam(required = false) String hm, HttpServletRequest request,
                  HttpServletResponse response) throws IOException {
        AttachmentDelivery.Delivery answer = delivery.open(path(channelId, attachmentId, filename), ex, is, hm,
                request.getHeader(HttpHeaders.IF_NONE_MATCH), request.getHeader(HttpHeaders.RANGE));
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        if (answer.body() != null) {
            try (InputStream body = answer.body()) {
                body.transferTo(response.getOutputStream());
            }
        }
    }

    private static String path(String channelId, String attachmentId, String filename) {
        return "/attachments/" + channelId + "/" + attachmentId + "/" + filename;
    }
}
