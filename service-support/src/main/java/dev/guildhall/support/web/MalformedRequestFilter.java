package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before anything reads them, requests whose query string or {@code Content-Type} cannot be understood
 * (issue 14, finding 2): a query that is not valid UTF-8 once percent-decoded, a {@code Content-Type} that does not
 * parse, is a wildcard ({@code *}{@code /*}, {@code application/*}), names an unknown charset, or is multipart without a
 * boundary. Left to the framework these surface deep inside parameter or body parsing as exceptions that look like
 * server faults (500); here they are a 400 {@code MALFORMED_REQUEST} or a 415 {@code UNSUPPORTED_MEDIA_TYPE}.
 */
public class MalformedRequestFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public MalformedRequestFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !isUtf8(query)) {
            ProblemResponses.write(response, json, ErrorCode.MALFORMED_REQUEST,
                    "The query string is not valid percent-encoded UTF-8");
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null) {
            ErrorCode refused = contentTypeProblem(contentType);
            if (refused != null) {
                ProblemResponses.write(response, json, refused, refused == ErrorCode.MALFORMED_REQUEST
                        ? "The Content-Type header is malformed" : "Unsupported Content-Type");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Null when the header is usable; otherwise why not. */
    static ErrorCode contentTypeProblem(String header) {
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
    static boolean isUtf8(String raw) {
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
