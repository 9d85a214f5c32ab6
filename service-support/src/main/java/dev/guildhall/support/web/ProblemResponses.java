package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes problem+json from servlet filters, where no message converter runs. */
public final class ProblemResponses {

    private ProblemResponses() {
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
