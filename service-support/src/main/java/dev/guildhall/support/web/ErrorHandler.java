package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.error.Problems;
import dev.guildhall.common.id.InvalidIdException;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.ratelimit.RateLimitedException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place exceptions become responses (CONVENTIONS): domain exceptions become problem+json
 * by their {@link ErrorCode}, a rate-limit refusal becomes DESIGN's 429, framework exceptions are
 * mapped by what went wrong, anything else is {@code INTERNAL_ERROR} without a stack trace.
 */
@RestControllerAdvice
public class ErrorHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);
    /** A bulkhead frees a place within one request's time: a second is enough to try again. */
    private static final long OVERLOADED_RETRY_AFTER_SECONDS = 1;
    /** A dead database is tried again after its breaker's open time (service-data's GuardedDataSource, 3 s). */
    private static final long DATABASE_RETRY_AFTER_SECONDS = 3;
    /** Another service that cannot answer: its breaker lets a call through again within seconds. */
    private static final long DEPENDENCY_RETRY_AFTER_SECONDS = 2;

    @ExceptionHandler(GuildhallException.class)
    ResponseEntity<ProblemDetail> domain(GuildhallException e) {
        return respond(Problems.of(e));
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<Map<String, Object>> rateLimited(RateLimitedException e) {
        HttpHeaders headers = new HttpHeaders();
        RateLimitHeaders.headers(e.decision()).forEach(headers::set);
        return ResponseEntity.status(429).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(RateLimitHeaders.body(e.decision()));
    }

    /**
     * A full bulkhead (ADR 212): too much in flight right now, nothing was done. 429 {@code OVERLOADED} with
     * {@code Retry-After} and the rate-limit body's {@code retry_after}/{@code global}, so clients back off as
     * from a rate limit, and the gateway's breakers never count it (ADR 211).
     */
    @ExceptionHandler(BulkheadFullException.class)
    ResponseEntity<ProblemDetail> overloaded(BulkheadFullException e) {
        ProblemDetail problem = Problems.of(ErrorCode.OVERLOADED, "Too many requests are in flight right now; retry after "
                + OVERLOADED_RETRY_AFTER_SECONDS + " s", Map.of("retry_after", (double) OVERLOADED_RETRY_AFTER_SECONDS,
                "global", false));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(OVERLOADED_RETRY_AFTER_SECONDS)).body(problem);
    }

    @ExceptionHandler(InvalidIdException.class)
    ResponseEntity<ProblemDetail> invalidId(InvalidIdException e) {
        return respond(Problems.of(ErrorCode.INVALID_ID, e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(Problems.of(ErrorCode.VALIDATION_FAILED, "Invalid value for " + e.getName(),
                Map.of("errors", Map.of(e.getName(), "invalid value"))));
    }

    /** A multipart body that cannot be parsed (unterminated, broken part headers) is the client's fault. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        return respond(Problems.of(ErrorCode.MALFORMED_REQUEST, "Malformed multipart body"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (databaseUnreachable(e)) {
            return databaseUnavailable(e);
        }
        if (unknownApiDescription(e)) {
            return respond(Problems.of(ErrorCode.NOT_FOUND, "No API description of that name"));
        }
        log.error("unexpected error", e);
        return respond(Problems.of(ErrorCode.INTERNAL_ERROR, "Internal error"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(snake(error.getField()), error.getDefaultMessage());
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.putIfAbsent(error.getObjectName(), error.getDefaultMessage()));
        return body(Problems.of(ErrorCode.VALIDATION_FAILED, "Invalid request", Map.of("errors", errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String field = error instanceof FieldError fe ? snake(fe.getField())
                    : result.getMethodParameter().getParameterName();
            errors.putIfAbsent(field == null ? "body" : field, error.getDefaultMessage());
        }));
        return body(Problems.of(ErrorCode.VALIDATION_FAILED, "Invalid request", Map.of("errors", errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof InvalidIdException invalid) {
            return body(Problems.of(ErrorCode.INVALID_ID, invalid.getMessage()));
        }
        return body(Problems.of(ErrorCode.MALFORMED_JSON, "Malformed request body"));
    }

    /** Every other framework exception (404 no handler, 405, 415, missing parameter...). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ErrorCode code = switch (status.value()) {
            case 400 -> ErrorCode.VALIDATION_FAILED;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.MISSING_PERMISSIONS;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR;
        };
        if (code == ErrorCode.INTERNAL_ERROR) {
            log.error("unexpected framework error", e);
        }
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null && code != ErrorCode.INTERNAL_ERROR
                ? pd.getDetail() : code.title();
        return ResponseEntity.status(code.status()).headers(headers).body(Problems.of(code, detail));
    }

    /**
     * A database that cannot be reached (ADR 247): its breaker refused at once, or opening a connection failed.
     * 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}, nothing done; the gateway's breaker never counts a
     * 503 (ADR 211), so one dead shard does not close the route for the others.
     */
    private static ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("database unavailable: {}", rootMessage(e));
        ProblemDetail problem = Problems.of(ErrorCode.DATABASE_UNAVAILABLE,
                "This data is temporarily unavailable; retry after " + DATABASE_RETRY_AFTER_SECONDS + " s");
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(DATABASE_RETRY_AFTER_SECONDS)).body(problem);
    }

    /**
     * Whether {@code e} comes from a database that cannot be reached: a connection-class SQL state (08xxx: refused,
     * reset, the shard's breaker open) anywhere in its causes. java.sql only: this module does not know the pools.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** springdoc's, when asked for a description group it does not have ({@code /v3/api-docs/<unknown>}). */
    private static final String UNKNOWN_API_DESCRIPTION = "org.springdoc.api.OpenApiResourceNotFoundException";

    /**
     * Whether {@code e} is springdoc's "no such group" ({@code GET /v3/api-docs/<unknown group>}): a path that does not
     * exist, so a 404 like any other unknown path, not a 500. By name: springdoc is on the class path only of the
     * services that publish a description.
     */
    static boolean unknownApiDescription(Throwable e) {
        return e.getClass().getName().equals(UNKNOWN_API_DESCRIPTION);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == 503) {
            // a dependency that cannot answer now (its breaker open, a call failed): say when to try again, so clients
            // back off instead of retrying at once (issue 13: refused fast, with Retry-After)
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(DEPENDENCY_RETRY_AFTER_SECONDS));
        }
        return answer.body(problem);
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Field names as the client sent them (snake_case JSON). */
    static String snake(String field) {
        StringBuilder out = new StringBuilder(field.length() + 4);
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
