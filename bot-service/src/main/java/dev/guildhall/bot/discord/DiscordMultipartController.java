package dev.guildhall.bot.discord;

import dev.guildhall.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.fileupload.FileItemFactory;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUploadBase;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Discord's multipart message create ({@code payload_json} + {@code files[n]}) streamed through to message-service's
 * multipart send (ADRs 163, 186): each part is read from the bot's request as message-service reads it from ours,
 * so a file is never held in bot-service's memory. Only {@code payload_json} is translated (Discord's message body
 * to message-service's); the files pass byte for byte with their names and types.
 */
@RestController
@RequestMapping({"/api/v10", "/api/v9"})
class DiscordMultipartController {

    /** payload_json is a message body: small; anything larger is not one. */
    static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

    private final OwnerCalls owners;
    private final JsonMapper json;

    DiscordMultipartController(OwnerCalls owners, JsonMapper json) {
        this.owners = owners;
        this.json = json;
    }

    @PostMapping(path = "/channels/{channelId}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ObjectNode> send(Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String auth,
                                    @PathVariable String channelId, HttpServletRequest request) {
        DiscordErrors.snowflake(channelId, "channel_id");
        String boundary = "guildhall-" + UUID.randomUUID();
        OwnerCalls.Answer answer = owners.messageStream(auth,
                MediaType.parseMediaType("multipart/form-data; boundary=" + boundary),
                out -> relay(request, out, boundary), "/api/v1/channels/{id}/messages", channelId);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        answer.headers().forEach(ok::header);
        return ok.body(DiscordShapes.message(answer.body(), caller.userId()));
    }

    /** Copies the parts in their order: {@code payload_json} translated, {@code files[n]} streamed, others dropped. */
    private void relay(HttpServletRequest request, OutputStream out, String boundary) throws IOException {
        FileItemIterator parts;
        try {
            parts = parser().getItemIterator(new ServletRequestContext(request));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                String name = part.getFieldName() == null ? "" : part.getFieldName();
                if (part.isFormField() && "payload_json".equals(name)) {
                    byte[] payload;
                    try (InputStream in = part.openStream()) {
                        payload = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
                    }
                    head(out, boundary, "form-data; name=\"payload_json\"", "application/json");
                    out.write(translate(payload));
                } else if (!part.isFormField() && name.matches("files?(\\[\\d{1,2}])?")) {
                    String filename = part.getName() == null ? "file" : part.getName();
                    head(out, boundary, "form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(filename)
                            + "\"", part.getContentType() == null ? "application/octet-stream" : part.getContentType());
                    try (InputStream in = part.openStream()) {
                        in.transferTo(out);
                    }
                } else {
                    continue;
                }
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        } catch (FileUploadException e) {
            throw new IOException("unreadable multipart body", e);
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Discord's message body → message-service's ({@code message_reference} → {@code reply_to}, nonces as text,
     * {@code attachments[].id} as text). What is not JSON goes on as it is, for message-service to refuse.
     */
    private byte[] translate(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return payload;
        }
        JsonNode body;
        try {
            body = json.readTree(payload);
        } catch (JacksonException e) {
            return payload;
        }
        if (!body.isObject()) {
            return payload;
        }
        ObjectNode send = json.createObjectNode();
        JsonNode content = body.path("content");
        if (content.isString()) {
            send.put("content", content.asString());
        }
        JsonNode nonce = body.path("nonce");
        if (nonce.isString() || nonce.isNumber()) {
            send.put("nonce", nonce.isNumber() ? nonce.numberValue().toString() : nonce.asString());
        }
        JsonNode reference = body.path("message_reference").path("message_id");
        if (reference.isString() || reference.isIntegralNumber()) {
            send.put("reply_to", reference.isString() ? reference.asString() : reference.numberValue().toString());
        }
        if (body.path("attachments").isArray()) {
            var attachments = send.putArray("attachments");
            for (JsonNode a : body.path("attachments")) {
                ObjectNode ref = attachments.addObject();
                JsonNode id = a.path("id");
                ref.put("id", id.isNumber() ? id.numberValue().toString() : id.asString(""));
                copyText(a, "filename", ref);
                copyText(a, "description", ref);
            }
        }
        return json.writeValueAsBytes(send);
    }

    private static void copyText(JsonNode from, String field, ObjectNode into) {
        if (from.path(field).isString()) {
            into.put(field, from.path(field).asString());
        }
    }

    private static void head(OutputStream out, String boundary, String disposition, String type) throws IOException {
        out.write(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: " + type
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Tomcat's streaming parser: parts are read as they arrive, nothing is stored. */
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

    /** A header value's quotes and line breaks would end it early: they become underscores. */
    private static String quoted(String value) {
        return value.replaceAll("[\"\\r\\n\\\\]", "_");
    }
}
