package dev.guildhall.support.web;

import java.util.Optional;
import java.util.function.Function;

/**
 * A JSON request body that is read only when the service asks for it, after the caller's access to the object was
 * checked (ADR 250): a handler taking {@code DeferredBody<UpdateServer>} instead of {@code @RequestBody UpdateServer}
 * gets its arguments resolved without touching the body, so a missing, malformed or invalid body cannot answer 400
 * to someone who may not learn that the object exists. {@link #read()} parses with the service's own message
 * converters (strict JSON, the same 400 {@code MALFORMED_JSON} or 415 as {@code @RequestBody}) and validates like
 * {@code @Valid} (400 {@code VALIDATION_FAILED}).
 */
public final class DeferredBody<T> {

    /** Reads the body; {@code true} means a missing body is an error, {@code false} that it is {@code null}. */
    private final Function<Boolean, T> reader;
    /** The body once read (the request's stream can be read once). */
    private T value;

    private DeferredBody(Function<Boolean, T> reader) {
        this.reader = reader;
    }

    /** A body read by {@code reader} when asked (the argument resolver's). */
    static <T> DeferredBody<T> reading(Function<Boolean, T> reader) {
        return new DeferredBody<>(reader);
    }

    /** A body already at hand (a test, or a caller inside the service): returned as it is. */
    public static <T> DeferredBody<T> of(T value) {
        return new DeferredBody<>(required -> value);
    }

    /** The parsed, valid body; throws the answer {@code @Valid @RequestBody} would have (a missing body is malformed). */
    public T read() {
        if (value == null) {
            value = reader.apply(true);
        }
        return value;
    }

    /** The parsed, valid body, or empty when the request has none ({@code @RequestBody(required = false)}). */
    public Optional<T> readIfPresent() {
        if (value == null) {
            value = reader.apply(false);
        }
        return Optional.ofNullable(value);
    }
}
