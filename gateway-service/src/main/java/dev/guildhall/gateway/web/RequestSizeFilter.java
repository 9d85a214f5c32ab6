package dev.guildhall.gateway.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.metrics.GatewayMetrics;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Refuses bodies over the limit with 413 {@code PAYLOAD_TOO_LARGE}: at once when
 * {@code Content-Length} says so, and while streaming for chunked bodies (the breaker's fallback
 * then answers 413). Runs after security, so that the browser can read the answer (CORS headers). Marks a
 * connection that fails while the body arrives as the client's own cancel ({@link ClientGone}).
 */
@Component
public class RequestSizeFilter implements WebFilter, org.springframework.core.Ordered {

    private static final Pattern ATTACHMENT_UPLOAD = Pattern.compile("/attachments/[0-9]+/[0-9]+/[^/]+");
    private static final Pattern MESSAGE_SEND = Pattern.compile("/api/v1/channels/[^/]+/messages/?");

    /** After Spring Security's chain (-100). */
    public static final int ORDER = 0;

    private final RequestSizeProperties properties;
    private final ProblemWriter problems;
    private final GatewayMetrics metrics;

    public RequestSizeFilter(RequestSizeProperties properties, ProblemWriter problems, GatewayMetrics metrics) {
        this.properties = properties;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long limit = limitFor(request);
        long length = request.getHeaders().getContentLength();
        if (length > limit) {
            metrics.payloadTooLarge();
            return problems.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE,
                    "Request body is larger than " + limit + " bytes");
        }
        // chunked (no Content-Length): count while the body streams; either way a connection that fails while the
        // body arrives is the client's own cancel (ClientGone, ADR 265)
        AtomicLong seen = new AtomicLong();
        ServerHttpRequest watched = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                Flux<DataBuffer> body = super.getBody();
                if (length < 0) {
                    body = body.map(buffer -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                            DataBufferUtils.release(buffer);
                            throw new PayloadTooLargeException(limit);
                        }
                        return buffer;
                    });
                }
                return ClientGone.watch(exchange, body);
            }
        };
        return chain.filter(exchange.mutate().request(watched).build());
    }

    /** JSON, or a multipart body, or one of the two attachment routes with their larger limits (ADR 163). */
    private long limitFor(ServerHttpRequest request) {
        MediaType contentType = request.getHeaders().getContentType();
        boolean multipart = contentType != null && "multipart".equalsIgnoreCase(contentType.getType());
        String path = request.getPath().pathWithinApplication().value();
        if (HttpMethod.PUT.equals(request.getMethod()) && ATTACHMENT_UPLOAD.matcher(path).matches()) {
            return properties.maxAttachment().toBytes();
        }
        if (multipart && HttpMethod.POST.equals(request.getMethod()) && MESSAGE_SEND.matcher(path).matches()) {
            return properties.maxMessageUpload().toBytes();
        }
        return (multipart ? properties.maxUpload() : properties.maxJson()).toBytes();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
