package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Refuses, before anything reads them, requests whose query string or {@code Content-Type} cannot be understood
 * (issue 14, finding 2): a query that is not valid UTF-8 once percent-decoded, a {@code Content-Type} that does not
 * parse, is a wildcard ({@code *}{@code /*}, {@code application/*}), names an unknown charset, or is multipart without a
 * boundary. Left to the framework these surface deep inside parameter or body parsing as exceptions that look like
 * server faults (500); here they are a 400 {@code MALFORMED_REQUEST} or a 415 {@code UNSUPPORTED_MEDIA_TYPE}.
 * The gateway applies the same {@link RequestChecks} at the edge. On the paths of an {@link ErrorDialect} the refusal is
 * written in that dialect.
 */
public class MalformedRequestFilter extends OncePerRequestFilter {

    private final JsonMapper json;
    private final List<ErrorDialect> dialects;

    public MalformedRequestFilter(JsonMapper json) {
        this(json, List.of());
    }

    public MalformedRequestFilter(JsonMapper json, List<ErrorDialect> dialects) {
        this.json = json;
        this.dialects = dialects;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !RequestChecks.isUtf8(query)) {
            refuse(request, response, ErrorCode.MALFORMED_REQUEST, "The query string is not valid percent-encoded UTF-8");
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null) {
            ErrorCode refused = RequestChecks.contentTypeProblem(contentType);
            if (refused != null) {
                refuse(request, response, refused, refused == ErrorCode.MALFORMED_REQUEST
                        ? "The Content-Type header is malformed" : "Unsupported Content-Type");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        ProblemResponses.write(request, response, json, dialects, code, detail);
    }
}
