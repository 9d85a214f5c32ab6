package dev.guildhall.support.client;

import brave.Tracing;
import brave.propagation.TraceContext;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import java.io.IOException;

/**
 * Puts the caller's trace context on an internal call (W3C {@code traceparent}, ADR 172), so the callee's
 * log lines carry the trace of the request that caused the call. {@link HttpClients} builds its clients
 * outside Spring, without the observation registry; Brave's {@link Tracing#current()} is the one tracing
 * instance Boot configured in this process, with its propagation. No tracing, no header.
 */
final class TraceForwarding implements ClientHttpRequestInterceptor {

    static final TraceForwarding INSTANCE = new TraceForwarding();

    private TraceForwarding() {
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        Tracing tracing = Tracing.current();
        TraceContext context = tracing == null ? null : tracing.currentTraceContext().get();
        if (context != null) {
            tracing.propagation().<HttpRequest>injector((r, key, value) -> r.getHeaders().set(key, value))
                    .inject(context, request);
        }
        return execution.execute(request, body);
    }
}
