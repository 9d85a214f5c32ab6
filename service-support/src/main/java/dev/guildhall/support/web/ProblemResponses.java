package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes problem+json from servlet filters, where no message converter runs; on the paths of an {@link ErrorDialect}
 * that dialect's body instead.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The refusal of {@code request} in the dialect of its path, if one of {@code dialects} speaks for it. */
    public static void write(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
                             List<ErrorDialect> dialects, ErrorCode code, String detail) throws IOException {
        ErrorDialect dialect = ErrorDialect.of(dialects, request.getRequestURI());
        if (dialect == null) {
            write(response, json, code, detail);
            return;
        }
        response.setStatus(code.status());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(dialect.body(code.status(), code));
    }

    public static void write(HttpServletResponse response, JsonMapper json, ErrorCode code, String detail)
            throws IOException {
        ProblemDetail problem = Problems.of(code, detail);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(code.status());
        response.setContentType(Problems.MEDIA_TYPE);
        json.writeValue(response.getOutputStream(), body);
    }
}
