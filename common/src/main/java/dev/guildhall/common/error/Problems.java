package dev.guildhall.common.error;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Map;

/** Builds the problem+json bodies every service answers errors with. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://guildhall.dev/errors/";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(code, detail, Map.of());
    }

    public static ProblemDetail of(ErrorCode code, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.status()),
                detail == null ? code.title() : detail);
        problem.setTitle(code.title());
        problem.setType(URI.create(TYPE_BASE + code.name().toLowerCase().replace('_', '-')));
        problem.setProperty("code", code.name());
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail of(GuildhallException e) {
        return of(e.code(), e.getMessage(), e.properties());
    }
}
