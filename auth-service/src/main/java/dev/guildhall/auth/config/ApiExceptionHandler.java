package dev.guildhall.auth.config;

import dev.guildhall.auth.ratelimit.RateLimitedException;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.error.Problems;
import dev.guildhall.common.id.InvalidIdException;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place errors become responses: problem+json with a stable {@code code} for everything
 * (CONVENTIONS), except the 429 whose body DESIGN fixes. Extending
 * {@link ResponseEntityExceptionHandler} keeps Spring MVC's own exceptions in the same shape.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<Map<String, Object>> rateLimited(RateLimitedException e) {
        HttpHeaders headers = new HttpHeaders();
        RateLimitHeaders.headers(e.decision()).forEach(headers::set);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).headers(headers)
                .contentType(MediaType.APPLICATION_JSON).body(RateLimitHeaders.body(e.decision()));
    }

    @ExceptionHandler(GuildhallException.class)
    ResponseEntity<ProblemDetail> domain(GuildhallException e) {
        return problem(Problems.of(e));
    }

    @ExceptionHandler(InvalidIdException.class)
    ResponseEntity<ProblemDetail> invalidId(InvalidIdException e) {
        return problem(Problems.of(ErrorCode.INVALID_ID, e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unhandled error", e);
        return problem(Problems.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(snake(error.getField()), error.getDefaultMessage());
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.putIfAbsent(error.getObjectName(),
                error.getDefaultMessage()));
        return validationFailed(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.putIfAbsent(snake(String.valueOf(result.getMethodParameter().getParameterName())),
                        error.getDefaultMessage())));
        return validationFailed(errors);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ErrorCode code = codeFor(e, status);
        String detail = switch (code) {
            case MALFORMED_JSON -> "The request body is not valid JSON for this endpoint";
            case INTERNAL_ERROR -> "Something went wrong on our side";
            default -> body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                    : code.title();
        };
        if (code == ErrorCode.INTERNAL_ERROR) {
            log.error("request failed", e);
        }
        ProblemDetail problem = Problems.of(code, detail);
        problem.setStatus(status.value());
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ErrorCode codeFor(Exception e, HttpStatusCode status) {
        if (e instanceof HttpMessageNotReadableException) {
            return ErrorCode.MALFORMED_JSON;
        }
        if (e instanceof NoResourceFoundException) {
            return ErrorCode.NOT_FOUND;
        }
        if (e instanceof HttpRequestMethodNotSupportedException) {
            return ErrorCode.METHOD_NOT_ALLOWED;
        }
        if (e instanceof HttpMediaTypeNotSupportedException) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        }
        return switch (status.value()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR;
        };
    }

    private static ResponseEntity<Object> validationFailed(Map<String, String> errors) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(ErrorCode.VALIDATION_FAILED, "Some fields are invalid", Map.of("errors", errors)));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Field names as the client sent them (the API is snake_case). */
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
