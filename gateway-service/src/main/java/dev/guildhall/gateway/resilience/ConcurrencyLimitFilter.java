package dev.guildhall.gateway.resilience;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.metrics.GatewayMetrics;
import dev.guildhall.gateway.ratelimit.RateLimitFilter;
import dev.guildhall.gateway.routing.DownstreamServices;
import dev.guildhall.gateway.web.ProblemWriter;
import dev.guildhall.support.client.StandbyOrigins;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bulkheads per route and per downstream service (ADR 212), with resilience4j semaphore {@link Bulkhead}s that
 * never wait: a request takes a permit of its route's bulkhead and of its service's, and gives both back when
 * its exchange ends (answered, failed or cancelled by the client). Below its bulkhead's size, a service's
 * {@link AdaptiveLimit} follows the latency it shows (ADR 264), so that a busy service gets fewer requests at once
 * instead of a queue that outlasts the route's time budget. When either is full it is answered at once
 * with 429 {@code OVERLOADED}, {@code Retry-After} and the DESIGN rate-limit body ({@code retry_after},
 * {@code global: false}), so overload is back-pressure instead of latency, timeouts and an open breaker.
 * <p>
 * It runs after the rate limits and ahead of the routes' circuit breakers: a refused request never reaches, and
 * never counts against, the downstream. WebSocket and media-signalling routes (long-lived sockets, not requests)
 * are not limited here. Bulkheads are in the resilience4j registry, so their metrics
 * ({@code resilience4j.bulkhead.*}, names {@code route:<id>} and {@code service:<name>}) come with it.
 */
@Component
public class ConcurrencyLimitFilter implements GlobalFilter, Ordered {

    public static final int ORDER = RateLimitFilter.ORDER + 10;

    /** The {@link AdaptiveLimit} of the request's service, for {@link RouteTimeLimitFilter} to tell the latency. */
    public static final String ADAPTIVE_LIMIT_ATTR = ConcurrencyLimitFilter.class.getName() + ".adaptiveLimit";

    private final ConcurrencyLimitProperties properties;
    private final BulkheadRegistry registry;
    private final GatewayMetrics metrics;
    private final ProblemWriter problems;
    private final Map<String, String> serviceByOrigin = new HashMap<>();
    private final Map<String, AdaptiveLimit> adaptiveLimits = new ConcurrentHashMap<>();

    public ConcurrencyLimitFilter(ConcurrencyLimitProperties properties, BulkheadRegistry registry,
                                  DownstreamServices services, GatewayMetrics metrics, ProblemWriter problems) {
        this.properties = properties;
        this.registry = registry;
        this.metrics = metrics;
        this.problems = problems;
        services.services().forEach((name, uris) -> uris.forEach(uri -> serviceByOrigin.put(StandbyOrigins.origin(uri), name)));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (!properties.enabled() || route == null || !isRequestRoute(route.getUri())) {
            return chain.filter(exchange);
        }
        Bulkhead routeLimit = bulkhead("route:" + route.getId(), properties.route(route.getId()));
        String service = serviceByOrigin.get(StandbyOrigins.origin(route.getUri()));
        Bulkhead serviceLimit = service != null ? bulkhead("service:" + service, properties.service(service)) : null;

        if (!routeLimit.tryAcquirePermission()) {
            return refuse(exchange, route.getId(), "route");
        }
        if (serviceLimit != null && !serviceLimit.tryAcquirePermission()) {
            routeLimit.releasePermission();
            return refuse(exchange, route.getId(), "service");
        }
        AdaptiveLimit adaptive = serviceLimit != null && properties.adaptive() ? adaptive(service, serviceLimit) : null;
        if (adaptive != null && !adaptive.admits()) {
            // the service's latency says it is queueing: refuse before this request adds to it
            serviceLimit.releasePermission();
            routeLimit.releasePermission();
            return refuse(exchange, route.getId(), "service");
        }
        if (adaptive != null) {
            exchange.getAttributes().put(ADAPTIVE_LIMIT_ATTR, adaptive);
        }
        AtomicBoolean released = new AtomicBoolean();
        return Mono.defer(() -> chain.filter(exchange)).doFinally(signal -> {
            if (released.compareAndSet(false, true)) {
                routeLimit.onComplete();
                if (serviceLimit != null) {
                    serviceLimit.onComplete();
                }
            }
        });
    }

    private AdaptiveLimit adaptive(String service, Bulkhead serviceLimit) {
        return adaptiveLimits.computeIfAbsent(service, name -> {
            AdaptiveLimit limit = new AdaptiveLimit(serviceLimit, properties.adaptiveMin());
            metrics.concurrencyLimit(name, limit);
            return limit;
        });
    }

    private Bulkhead bulkhead(String name, int limit) {
        return registry.bulkhead(name, () -> BulkheadConfig.custom()
                .maxConcurrentCalls(limit)
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String routeId, String limit) {
        metrics.overloaded(routeId, limit);
        long seconds = Overloaded.seconds(properties.retryAfter());
        return problems.write(exchange, ErrorCode.OVERLOADED, Overloaded.detail(seconds),
                Overloaded.properties(routeId, limit, seconds), Overloaded.headers(seconds));
    }

    /** Plain request routes; WebSocket upgrades ({@code lb://}, {@code ws://}) hold a socket, not a request. */
    private static boolean isRequestRoute(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
