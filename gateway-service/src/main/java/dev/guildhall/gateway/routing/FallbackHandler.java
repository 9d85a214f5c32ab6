package dev.guildhall.gateway.routing;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.metrics.GatewayMetrics;
import dev.guildhall.gateway.resilience.BusyDownstreamException;
import dev.guildhall.gateway.resilience.ConcurrencyLimitProperties;
import dev.guildhall.gateway.resilience.Overloaded;
import dev.guildhall.gateway.web.PayloadTooLargeException;
import dev.guildhall.gateway.web.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The local target of every route's {@code fallbackUri: forward:/fallback/<route>}: 503
 * {@code SERVICE_UNAVAILABLE} problem+json with that route's own detail, why ({@code reason}:
 * {@code timeout}, {@code circuit_open}, {@code unreachable}, or {@code server_error} when the downstream
 * answered 500, 502 or 504, ADR 211) and {@code Retry-After}; or, when the route's budget ran out while its
 * service was answering others (busy, not broken: ADR 264), 429 {@code OVERLOADED} as a full bulkhead answers. Reached from
 * outside (no breaker behind the request) it is simply not found. On the Discord surface the same answers are Discord's
 * error object ({@link ProblemWriter#body}, ADR 275).
 */
@Configuration(proxyBeanMethods = false)
public class FallbackHandler {

    private static final String ORIGINAL_PATH = FallbackHandler.class.getName() + ".originalPath";
    private static final Logger log = LoggerFactory.getLogger(FallbackHandler.class);

    private final FallbackProperties properties;
    private final GatewayMetrics metrics;
    private final ConcurrencyLimitProperties concurrency;

    public FallbackHandler(FallbackProperties properties, GatewayMetrics metrics, ConcurrencyLimitProperties concurrency) {
        this.properties = properties;
        this.metrics = metrics;
        this.concurrency = concurrency;
    }

    @Bean
    RouterFunction<ServerResponse> fallbackRoutes() {
        return RouterFunctions.route().route(request -> request.path().startsWith("/fallback/"), this::fallback).build();
    }

    Mono<ServerResponse> fallback(ServerRequest request) {
        ServerWebExchange exchange = request.exchange();
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return write(exchange, ErrorCode.NOT_FOUND, "Not found", Map.of(), Map.of());
        }
        PayloadTooLargeException tooLarge = PayloadTooLargeException.find(cause);
        if (tooLarge != null) {
            metrics.payloadTooLarge();
            return write(exchange, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), Map.of(), Map.of());
        }
        if (BusyDownstreamException.find(cause) != null) {
            // busy, not broken (ADR 264): back-pressure like a full bulkhead, not the route's 503
            metrics.overloaded(route.getId(), "busy");
            long seconds = Overloaded.seconds(concurrency.retryAfter());
            Map<String, String> headers = new java.util.LinkedHashMap<>(Overloaded.headers(seconds));
            headers.put(HttpHeaders.CONNECTION, "close");
            return write(exchange, ErrorCode.OVERLOADED, Overloaded.detail(seconds),
                    Overloaded.properties(route.getId(), "busy", seconds), headers);
        }
        String reason = reason(cause);
        metrics.fallback(route.getId(), reason);
        log.warn("Route {} answered by its fallback ({}): {}", route.getId(), reason, cause == null ? "-" : cause.toString());
        return write(exchange, ErrorCode.SERVICE_UNAVAILABLE, properties.detail(route.getId()),
                Map.of("route", route.getId(), "reason", reason),
                // a new connection for the client's next request: Reactor Netty 1.3.6 can leave a request that follows a
                // fallback on the same kept-alive connection unread (ADR 248)
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())),
                        HttpHeaders.CONNECTION, "close"));
    }

    private Mono<ServerResponse> write(ServerWebExchange exchange, ErrorCode code, String detail,
                                       Map<String, Object> properties, Map<String, String> headers) {
        String path = originalPath(exchange);
        return ServerResponse.status(code.status())
                .contentType(ProblemWriter.contentType(path))
                .headers(h -> headers.forEach(h::set))
                .bodyValue(ProblemWriter.body(path, code, detail, properties));
    }

    /** The path the client asked for, not the forward target. */
    private static String originalPath(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(ORIGINAL_PATH, exchange.getRequest().getPath().value());
    }

    /** Remembers the client's path before a breaker forwards the exchange to its fallback. */
    @Bean
    GlobalFilter rememberOriginalPath() {
        class RememberOriginalPath implements GlobalFilter, Ordered {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                exchange.getAttributes().putIfAbsent(ORIGINAL_PATH, exchange.getRequest().getPath().value());
                return chain.filter(exchange);
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }
        }
        return new RememberOriginalPath();
    }

    static String reason(Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            return "circuit_open";
        }
        if (cause instanceof SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException) {
            return "server_error";
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                return "timeout";
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return "unreachable";
    }
}
