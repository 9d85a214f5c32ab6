package dev.guildhall.data.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Carries the W3C trace context of the request that wrote an outbox row over to the relay that
 * publishes it later, on another thread (ADR 172): the writer puts the current {@code traceparent} in
 * the envelope, the relay publishes the row inside a span continuing it, and Kafka's producer
 * observation writes that trace into the record's headers. Without a tracer it does nothing.
 */
public final class OutboxTracing {

    static final String TRACEPARENT = "traceparent";
    private static final String FIELD = "\"" + TRACEPARENT + "\":\"";
    private static final Pattern W3C = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final OutboxTracing NONE = new OutboxTracing(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    public OutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public static OutboxTracing none() {
        return NONE;
    }

    /** The current span's {@code traceparent}, or null outside a trace. */
    String current() {
        if (tracer == null || propagator == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * The {@code traceparent} of a stored envelope, or null. The envelope is our own Jackson output:
     * the field is top-level, written after {@code data}, and any quote inside {@code data} is escaped,
     * so the last occurrence of {@code "traceparent":"} is the field itself.
     */
    static String of(String payload) {
        int at = payload == null ? -1 : payload.lastIndexOf(FIELD);
        if (at < 0 || at + FIELD.length() + 55 > payload.length()) {
            return null;
        }
        String value = payload.substring(at + FIELD.length(), at + FIELD.length() + 55);
        return W3C.matcher(value).matches() ? value : null;
    }

    /** Runs {@code work} inside a span that continues {@code traceparent} (as is when there is none). */
    <T> T within(String traceparent, String name, Supplier<T> work) {
        if (traceparent == null || tracer == null || propagator == null) {
            return work.get();
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceparent), (carrier, key) -> carrier.get(key))
                .name(name).kind(Span.Kind.PRODUCER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }
}
