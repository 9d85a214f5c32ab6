package dev.guildhall.websocket.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.error.Problems;
import dev.guildhall.common.id.InvalidIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** The one error mapping of websocket-service's few REST endpoints: problem+json with a stable code. */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    private static final MediaType PROBLEM = MediaType.parseMediaType(Problems.MEDIA_TYPE);

    @ExceptionHandler(GuildhallException.class)
    ResponseEntity<ProblemDetail> domain(GuildhallException e) {
        return respond(Problems.of(e));
    }

    @ExceptionHandler(InvalidIdException.class)
    ResponseEntity<ProblemDetail> invalidId(InvalidIdException e) {
        return respond(Problems.of(ErrorCode.INVALID_ID, e.getMessage()));
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<ProblemDetail> missing(MissingRequestValueException e) {
        return respond(Problems.of(ErrorCode.VALIDATION_FAILED, e.getReason()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e) {
        return respond(Problems.of(ErrorCode.MALFORMED_JSON, e.getReason()));
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    ResponseEntity<ProblemDetail> method(MethodNotAllowedException e) {
        return respond(Problems.of(ErrorCode.METHOD_NOT_ALLOWED, e.getReason()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e) {
        ErrorCode code = e.getStatusCode().value() == 404 ? ErrorCode.NOT_FOUND : ErrorCode.INTERNAL_ERROR;
        return respond(Problems.of(code, e.getReason()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(Problems.of(ErrorCode.INTERNAL_ERROR, "Internal error"));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM).body(problem);
    }
}
