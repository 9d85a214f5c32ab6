package dev.guildhall.message.attachment;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.message.channel.ChannelAccess;
import dev.guildhall.message.message.MessageRequests;
import dev.guildhall.message.message.MessageService;
import dev.guildhall.message.message.MessageView;
import dev.guildhall.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.tomcat.util.http.fileupload.FileItemFactory;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUploadBase;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord's multipart send: {@code payload_json} (the message, as JSON) and {@code files[n]} parts
 * in any order. Each file streams to the store as it arrives (ADR 163), becomes an upload of the
 * sender, and the message then claims the uploads like a direct-upload send; payload_json's
 * {@code attachments[{id, filename?, description?, spoiler?}]} refer to {@code files[id]}, and
 * without it every file is attached in order.
 */
@RestController
class MultipartSendController {

    private static final Pattern FILE_FIELD = Pattern.compile("files?(?:\\[(\\d{1,2})])?");
    private static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

    private final MessageService messages;
    private final AttachmentService attachments;
    private final AttachmentProperties properties;
    private final JsonMapper json;
    private final Validator validator;

    MultipartSendController(MessageService messages, AttachmentService attachments, AttachmentProperties properties,
                            JsonMapper json, Validator validator) {
        this.messages = messages;
        this.attachments = attachments;
        this.properties = properties;
        this.json = json;
        this.validator = validator;
    }

    /** payload_json: the JSON send body, with attachments naming files by their part index. */
    record Payload(String content, String replyTo, String nonce, List<PartRef> attachments) {
    }

    record PartRef(String id, String filename, String description, Boolean spoiler) {
    }

    @PostMapping(path = "/api/v1/channels/{channelId}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<MessageView> send(Caller caller, @PathVariable String channelId, HttpServletRequest request) {
        long channel = Snowflake.parse(channelId);
        String payloadJson = null;
        Map<Integer, Long> uploads = new TreeMap<>();
        ChannelAccess access = null;
        try {
            FileItemIterator parts = parser().getItemIterator(new ServletRequestContext(request));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                if (part.isFormField()) {
                    if ("payload_json".equals(part.getFieldName())) {
                        payloadJson = readPayload(part);
                    }
                    continue;
                }
                Matcher file = FILE_FIELD.matcher(part.getFieldName() == null ? "" : part.getFieldName());
                if (!file.matches()) {
                    continue;
                }
                if (uploads.size() >= properties.maxFilesPerMessage()) {
                    throw new GuildhallException(ErrorCode.LIMIT_REACHED, "At most " + properties.maxFilesPerMessage()
                            + " files per message", Map.of("errors", Map.of("files", "at most "
                            + properties.maxFilesPerMessage() + " files")));
                }
                if (access == null) {
                    access = attachments.requireAttach(caller.userId(), channel);
                }
                int index = file.group(1) == null ? uploads.size() : Integer.parseInt(file.group(1));
                if (uploads.containsKey(index)) {
                    throw invalid("files[" + index + "]", "sent twice");
                }
                try (InputStream body = part.openStream()) {
                    uploads.put(index, attachments.receiveMultipartFile(caller.userId(), access, part.getName(),
                            part.getContentType(), body));
                }
            }
        } catch (IOException e) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Unreadable multipart body: " + e.getMessage());
        }
        if (payloadJson == null) {
            throw invalid("payload_json", "required");
        }
        Payload payload;
        try {
            payload = json.readValue(payloadJson, Payload.class);
        } catch (JacksonException e) {
            throw new GuildhallException(ErrorCode.MALFORMED_JSON, "payload_json is not a valid message body");
        }
        MessageRequests.Send send = new MessageRequests.Send(payload.content() == null ? "" : payload.content(),
                payload.replyTo(), payload.nonce(), null, null, refs(payload, uploads));
        Set<ConstraintViolation<MessageRequests.Send>> violations = validator.validate(send);
        if (!violations.isEmpty()) {
            Map<String, Object> errors = new LinkedHashMap<>();
            violations.forEach(v -> errors.put(v.getPropertyPath().toString(), v.getMessage()));
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid payload_json", Map.of("errors", errors));
        }
        MessageService.Sent sent = messages.send(caller.userId(), channel, send);
        HttpHeaders headers = new HttpHeaders();
        if (sent.rateLimit() != null) {
            RateLimitHeaders.headers(sent.rateLimit()).forEach(headers::set);
        }
        return ResponseEntity.ok().headers(headers).body(sent.message());
    }

    private static List<AttachmentRequests.Ref> refs(Payload payload, Map<Integer, Long> uploads) {
        List<AttachmentRequests.Ref> refs = new ArrayList<>();
        if (payload.attachments() == null || payload.attachments().isEmpty()) {
            uploads.values().forEach(id -> refs.add(new AttachmentRequests.Ref(Snowflake.format(id), null, null, null)));
            return refs;
        }
        for (PartRef ref : payload.attachments()) {
            Long upload = null;
            try {
                upload = ref.id() == null ? null : uploads.get(Integer.parseInt(ref.id().trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (upload == null) {
                throw invalid("attachments", "id " + ref.id() + " names no files[n] part");
            }
            refs.add(new AttachmentRequests.Ref(Snowflake.format(upload), ref.filename(), ref.description(), ref.spoiler()));
        }
        return refs;
    }

    private String readPayload(FileItemStream part) throws IOException {
        try (InputStream in = part.openStream()) {
            byte[] bytes = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
            if (bytes.length > MAX_PAYLOAD_BYTES) {
                throw invalid("payload_json", "larger than " + MAX_PAYLOAD_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Tomcat's bundled Commons FileUpload, streaming API only: nothing is spooled to memory or disk. */
    private static FileUploadBase parser() {
        return new FileUploadBase() {
            @Override
            public FileItemFactory getFileItemFactory() {
                return null;
            }

            @Override
            public void setFileItemFactory(FileItemFactory factory) {
            }
        };
    }

    private static GuildhallException invalid(String field, String why) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, field + ": " + why, Map.of("errors", Map.of(field, why)));
    }
}
