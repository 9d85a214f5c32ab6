package dev.guildhall.gateway.ratelimit;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.common.ratelimit.RateLimitHeaders.Decision;
import dev.guildhall.gateway.metrics.GatewayMetrics;
import dev.guildhall.gateway.routing.ClientAddress;
import dev.guildhall.gateway.security.Caller;
import dev.guildhall.gateway.security.IdentityHeaderFilter;
import dev.guildhall.gateway.web.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies the caller's global bucket and the request's route bucket on every routed request (ahead
 * of the circuit breakers, so a refused request never counts against a downstream). Allowed
 * responses carry the route bucket's {@code X-RateLimit-*} headers; a refusal is 429 with
 * {@code Retry-After} and {@code {"retry_after": s, "global": bool}} (DESIGN's contract). When Redis
 * cannot answer, the request goes through: a rate limiter outage must not become a platform outage.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    public static final int ORDER = IdentityHeaderFilter.ORDER + 10;
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final RateLimitProperties properties;
    private final BucketRules rules;
    private final RedisWindows windows;
    private final GatewayMetrics metrics;
    private final ProblemWriter problems;
    private final ClientAddress addresses;
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public RateLimitFilter(RateLimitProperties properties, BucketRules rules, RedisWindows windows,
                           GatewayMetrics metrics, ProblemWriter problems, ClientAddress addresses) {
        this.properties = properties;
        this.rules = rules;
        this.windows = windows;
        this.metrics = metrics;
        this.problems = problems;
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!properties.enabled()) {
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        BucketRules.Match match = rules.match(exchange.getRequest(), route != null ? route.getId() : "none");
        BucketRules.BucketSpec global = rules.global();
        List<RedisWindows.Window> buckets = List.of(
                new RedisWindows.Window(global.name(), global.limit(), "", true),
                new RedisWindows.Window(match.bucket().name(), match.bucket().limit(), match.keySuffix(), false));
        return windows.take(callerKey(exchange), buckets)
                .map(Optional::of)
                .onErrorResume(error -> {
                    failedOpen(error);
                    return Mono.just(Optional.empty());
                })
                .flatMap(verdict -> {
                    if (verdict.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    if (verdict.get().refused() != null) {
                        return refuse(exchange, verdict.get().refused());
                    }
                    Decision routeDecision = verdict.get().decisions().get(1);
                    RateLimitHeaders.headers(routeDecision).forEach(exchange.getResponse().getHeaders()::set);
                    return chain.filter(exchange);
                });
    }

    private void failedOpen(Throwable error) {
        metrics.rateLimiterUnavailable();
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last > WARN_EVERY_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            log.warn("Rate limit not applied (Redis unavailable: {}); letting requests through", error.toString());
        }
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Decision decision) {
        metrics.rateLimited(decision.bucket(), decision.global());
        Map<String, Object> body = new LinkedHashMap<>(RateLimitHeaders.body(decision));
        body.remove("code");
        String detail = (String) body.remove("message");
        return problems.write(exchange, ErrorCode.RATE_LIMITED, detail, body, RateLimitHeaders.headers(decision));
    }

    /** Users and bots by their (verified) user id; anonymous callers by client address. */
    String callerKey(ServerWebExchange exchange) {
        Caller caller = exchange.getAttributeOrDefault(Caller.ATTRIBUTE, Caller.ANONYMOUS);
        if (caller.kind() != Caller.Kind.ANONYMOUS) {
            return "user:" + caller.userId();
        }
        return "ip:" + addresses.of(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
