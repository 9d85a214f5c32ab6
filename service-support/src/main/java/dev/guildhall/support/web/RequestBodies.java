package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a request body where the service decides, after the caller's access to the object is known (ADR 217):
 * a route whose body is checked by {@code @Valid} before the handler runs would answer 400 to someone who may not
 * even learn that the object exists. Same answer as {@code @Valid}: 400 {@code VALIDATION_FAILED} with
 * {@code errors} by snake_case field.
 */
public class RequestBodies {

    private final Validator validator;

    public RequestBodies(Validator validator) {
        this.validator = validator;
    }

    /** Returns {@code body} when its constraints hold; a list is checked element by element. */
    public <T> T valid(T body) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (body instanceof Collection<?> elements) {
            int index = 0;
            for (Object element : elements) {
                collect(element == null ? Set.of() : validator.validate(element), "[" + index++ + "].", errors);
            }
        } else if (body != null) {
            collect(validator.validate(body), "", errors);
        }
        if (!errors.isEmpty()) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid request", Map.of("errors", errors));
        }
        return body;
    }

    /** A list body of {@code min} to {@code max} elements, each valid. */
    public <T> List<T> valid(List<T> body, int min, int max) {
        if (body == null || body.size() < min || body.size() > max) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid request",
                    Map.of("errors", Map.of("body", "size must be between " + min + " and " + max)));
        }
        return valid(body);
    }

    private static void collect(Set<? extends ConstraintViolation<?>> violations, String prefix,
                                Map<String, String> errors) {
        for (ConstraintViolation<?> violation : violations) {
            String path = violation.getPropertyPath().toString();
            errors.putIfAbsent(prefix + ErrorHandler.snake(path.isEmpty() ? "body" : path), violation.getMessage());
        }
    }
}
