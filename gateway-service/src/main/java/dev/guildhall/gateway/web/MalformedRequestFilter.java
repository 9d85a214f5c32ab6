package dev.guildhall.gateway.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.support.web.RequestChecks;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses at the edge what no service could read (issue 14, finding 2), before security, routing or the size
 * filter parse it: a request target longer than {@code guildhall.gateway.request-size.max-uri} (414
 * {@code URI_TOO_LONG}; Netty's own limit, far above, would answer 414 without a body), a query that is not valid
 * UTF-8, and a {@code Content-Type} that does not parse, is a wildcard, names an unknown charset or is multipart
 * without a boundary — the same {@link RequestChecks} as every servlet service.
 */
@Component
public class MalformedRequestFilter implements WebFilter, Ordered {

    /** Before Spring Security's chain (-100) and every other filter that reads headers. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final RequestSizeProperties properties;
    private final ProblemWriter problems;

    public MalformedRequestFilter(RequestSizeProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String rawPath = request.getURI().getRawPath();
        String rawQuery = request.getURI().getRawQuery();
        long targetLength = (rawPath == null ? 0 : rawPath.length()) + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (targetLength > properties.maxUri().toBytes()) {
            return problems.write(exchange, ErrorCode.URI_TOO_LONG,
                    "The request target is longer than " + properties.maxUri().toBytes() + " characters");
        }
        if (rawQuery != null && !RequestChecks.isUtf8(rawQuery)) {
            return problems.write(exchange, ErrorCode.MALFORMED_REQUEST, "The query string is not valid percent-encoded UTF-8");
        }
        String contentType = request.getHeaders().getFirst("Content-Type");
        if (contentType != null) {
            ErrorCode refused = RequestChecks.contentTypeProblem(contentType);
            if (refused != null) {
                return problems.write(exchange, refused, refused == ErrorCode.MALFORMED_REQUEST
                        ? "The Content-Type header is malformed" : "Unsupported Content-Type");
            }
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
