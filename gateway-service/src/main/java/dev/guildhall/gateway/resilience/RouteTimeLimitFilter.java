package dev.guildhall.gateway.resilience;

import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each route's time budget (ADR 264): the resilience4j {@link TimeLimiter} of the route's id (its
 * {@code resilience4j.timelimiter} instance, else the default: 2 s), applied inside the route's circuit breaker
 * so that the breaker sees how a call ended. Spring Cloud CircuitBreaker's own time limiter is off
 * ({@code disable-time-limiter}): it reports every timeout to the breaker as a failure, with no way to tell a
 * busy service from a broken one.
 * <p>
 * A call that runs out of budget is a failure of the dependency (a {@link TimeoutException}, counted, 503) only if
 * its route got no answer from the service while it waited: a service that hangs, or answers nothing in time. If
 * other calls of the route were answered meanwhile, the service is alive and the call waited in its queue: that is
 * {@link BusyDownstreamException}, which the breaker ignores and the client gets as 429 {@code OVERLOADED} with
 * {@code Retry-After}. "Answered" means the downstream's status line and headers arrived with a status that is not
 * its own fault (500, 502 and 504 are failures, ADR 211). The budget covers the call from the breaker to those
 * headers, as before; streaming the body to the client is outside it. How long each answer took is told to the
 * service's {@link AdaptiveLimit}.
 */
@Component
public class RouteTimeLimitFilter implements GlobalFilter, Ordered {

    /** After the routes' own filters (ordered 1, 2, ... by position: the CircuitBreaker among them), before routing. */
    public static final int ORDER = 100;

    private final TimeLimiterRegistry timeLimiters;
    private final Map<String, AtomicLong> lastAnswer = new ConcurrentHashMap<>();

    public RouteTimeLimitFilter(TimeLimiterRegistry timeLimiters) {
        this.timeLimiters = timeLimiters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !isRequestRoute(route.getUri())) {
            return chain.filter(exchange);
        }
        TimeLimiter limiter = timeLimiters.timeLimiter(route.getId());
        AtomicLong answered = lastAnswer.computeIfAbsent(route.getId(), id -> new AtomicLong());
        AdaptiveLimit adaptive = exchange.getAttribute(ConcurrencyLimitFilter.ADAPTIVE_LIMIT_ATTR);
        Duration budget = limiter.getTimeLimiterConfig().getTimeoutDuration();
        long start = System.nanoTime();
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    if (!isServiceFault(exchange.getResponse().getStatusCode())) {
                        long now = System.nanoTime();
                        answered.accumulateAndGet(now, Math::max);
                        if (adaptive != null) {
                            adaptive.answered(Duration.ofNanos(now - start), budget);
                        }
                    }
                })
                .transform(TimeLimiterOperator.of(limiter))
                .onErrorMap(TimeoutException.class, timeout -> {
                    if (!answeredSince(answered.get(), start)) {
                        return timeout;
                    }
                    if (adaptive != null) {
                        adaptive.overloaded(budget);
                    }
                    return new BusyDownstreamException(route.getId(), budget, timeout);
                });
    }

    private static boolean answeredSince(long answeredAt, long start) {
        return answeredAt != 0 && answeredAt - start > 0;
    }

    private static boolean isServiceFault(HttpStatusCode status) {
        return status != null && DependencyFailure.SERVICE_FAULTS.contains(status.value());
    }

    /** Plain request routes; WebSocket upgrades ({@code lb://}, {@code ws://}) have no breaker and no budget. */
    private static boolean isRequestRoute(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
