package dev.guildhall.data.outbox;

import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import dev.guildhall.common.event.EventEnvelope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace context an outbox row carries, with a real Brave tracer and W3C propagation. */
class OutboxTracingTest {

    private final Tracing brave = Tracing.newBuilder()
            .traceId128Bit(true)
            .currentTraceContext(ThreadLocalCurrentTraceContext.create())
            .propagationFactory(new W3CPropagation(new BraveBaggageManager(), java.util.List.of()))
            .build();
    private final Tracer tracer = new BraveTracer(brave.tracer(), new BraveCurrentTraceContext(brave.currentTraceContext()),
            new BraveBaggageManager());
    private final OutboxTracing tracing = new OutboxTracing(tracer, new BravePropagator(brave));

    @AfterEach
    void close() {
        brave.close();
    }

    @Test
    void theWritersTraceTravelsInTheEnvelopeAndTheRelayContinuesIt() {
        Span request = tracer.nextSpan().name("POST /messages").start();
        String traceparent;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            traceparent = tracing.current();
        } finally {
            request.end();
        }
        assertThat(traceparent).isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");

        // the message content may even contain the field's text: it is escaped inside data
        EventEnvelope envelope = EventEnvelope.of(1L, "MESSAGE_CREATE", 2L, 3L, 4L, Instant.EPOCH,
                        Map.of("content", "\"traceparent\":\"00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-01\""))
                .withTraceparent(traceparent);
        String payload = JsonMapper.builder().build().writeValueAsString(envelope);
        assertThat(OutboxTracing.of(payload)).isEqualTo(traceparent);

        String[] seen = new String[2];
        tracing.within(OutboxTracing.of(payload), "outbox publish", () -> {
            seen[0] = tracer.currentSpan().context().traceId();
            seen[1] = tracer.currentSpan().context().parentId();
            return null;
        });
        assertThat(seen[0]).isEqualTo(request.context().traceId());
        assertThat(seen[1]).isEqualTo(request.context().spanId());
    }

    @Test
    void outsideATraceNothingIsAddedAndNothingIsContinued() {
        assertThat(tracing.current()).isNull();
        String payload = JsonMapper.builder().build().writeValueAsString(
                EventEnvelope.of(1L, "MESSAGE_CREATE", 2L, 3L, 4L, Instant.EPOCH, Map.of("content", "hi")));
        assertThat(payload).doesNotContain("traceparent");
        assertThat(OutboxTracing.of(payload)).isNull();
        assertThat(OutboxTracing.none().within(null, "x", () -> "ran")).isEqualTo("ran");
    }
}
