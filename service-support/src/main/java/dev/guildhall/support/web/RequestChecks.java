package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The checks of a request's query string and {@code Content-Type} that servlet services ({@link MalformedRequestFilter})
 * and the reactive gateway make alike before anything parses them (issue 14, finding 2).
 */
public final class RequestChecks {

    private RequestChecks() {
    }

    /** Null when the header is usable; otherwise why not. */
    public static ErrorCode contentTypeProblem(String header) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return ErrorCode.MALFORMED_REQUEST;
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        }
        try {
            type.getCharset();
        } catch (RuntimeException e) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        }
        if ("multipart".equalsIgnoreCase(type.getType()) && type.getParameter("boundary") == null) {
            return ErrorCode.MALFORMED_REQUEST;
        }
        return null;
    }

    /** Whether a raw query string percent-decodes to valid UTF-8 (a stray or truncated escape is not). */
    public static boolean isUtf8(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return false;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > 0x7f) {
                // the container hands the raw bytes over as ISO-8859-1 characters
                bytes.write(c & 0xff);
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
