package dev.guildhall.support.client;

import brave.Span;
import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** An internal call made inside a trace carries it to the callee as W3C traceparent. */
class TraceForwardingTest {

    private final AtomicReference<String> received = new AtomicReference<>();
    private HttpServer callee;
    private Tracing tracing;

    @AfterEach
    void stop() {
        if (callee != null) {
            callee.stop(0);
        }
        if (tracing != null) {
            tracing.close();
        }
    }

    @Test
    void theCallersTraceReachesTheCallee() throws Exception {
        callee = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callee.createContext("/internal/x", exchange -> {
            received.set(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        callee.start();
        var client = HttpClients.internal("http://127.0.0.1:" + callee.getAddress().getPort(), "token", Duration.ofSeconds(5),
                new StandbyFallback(StandbyOrigins.none()));

        client.get().uri("/internal/x").retrieve().toBodilessEntity();
        assertThat(received.get()).as("no tracing in this process: no header").isEqualTo("null");

        tracing = Tracing.newBuilder().traceId128Bit(true).currentTraceContext(ThreadLocalCurrentTraceContext.create())
                .propagationFactory(new W3CPropagation(new BraveBaggageManager(), List.of())).build();
        Span request = tracing.tracer().nextSpan().name("GET /api").start();
        try (var scope = tracing.tracer().withSpanInScope(request)) {
            client.get().uri("/internal/x").retrieve().toBodilessEntity();
        } finally {
            request.finish();
        }
        assertThat(received.get()).isEqualTo("00-" + request.context().traceIdString() + "-"
                + request.context().spanIdString() + "-01");
    }
}
