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
    private final RedisBuckets buckets;
    private final GatewayMetrics metrics;
    private final ProblemWriter problems;
    private final ClientAddress addresses;
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public RateLimitFilter(RateLimitProperties properties, BucketRules rules, RedisBuckets buckets,
                           GatewayMetrics metrics, ProblemWriter problems, ClientAddress addresses) {
        this.properties = properties;
        this.rules = rules;
        this.buckets = buckets;
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
        String routeId = route != null ? route.getId() : "none";
        String callerKey = callerKey(exchange);
        BucketRules.Match match = rules.match(exchange.getRequest(), routeId);
        BucketRules.BucketSpec global = rules.global();

        Mono<Optional<Decision>> globalDecision = consume(global, callerKey, true);
        Mono<Optional<Decision>> routeDecision = consume(match.bucket(), callerKey + match.keySuffix(), false);
        return Mono.zip(globalDecision, routeDecision).flatMap(decisions -> {
            Optional<Decision> g = decisions.getT1();
            Optional<Decision> r = decisions.getT2();
            if (g.isPresent() && !g.get().allowed()) {
                return refuse(exchange, g.get());
            }
            if (r.isPresent() && !r.get().allowed()) {
                return refuse(exchange, r.get());
            }
            r.ifPresent(decision -> RateLimitHeaders.headers(decision).forEach(exchange.getResponse().getHeaders()::set));
            return chain.filter(exchange);
        });
    }

    private Mono<Optional<Decision>> consume(BucketRules.BucketSpec bucket, String key, boolean global) {
        return buckets.tryConsume(bucket.name(), bucket.limit(), key, global)
                .map(Optional::of)
                .onErrorResume(error -> {
                    metrics.rateLimiterUnavailable();
                    long now = System.nanoTime();
                    long last = lastWarnNanos.get();
                    if (now - last > WARN_EVERY_NANOS && lastWarnNanos.compareAndSet(last, now)) {
                        log.warn("Rate limit not applied (Redis unavailable: {}); letting requests through", error.toString());
                    }
                    return Mono.just(Optional.empty());
                });
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Decision decision) {
        metrics.rateLimited(decision.bucket(), decision.global());
        Map<String, Object> body = new LinkedHashMap<>(RateLimitHeaders.body(decision));
        body.remove("code");
        String detail = (String) body.remove("message");
        return problems.write(exchange, ErrorCode.RATE_LIMITED, detail, body, RateLimitHeaders.headers(decision));
    }

    /** Users by id; bot tokens (not verified here) and anonymous callers by client address. */
    String callerKey(ServerWebExchange exchange) {
        Caller caller = exchange.getAttributeOrDefault(Caller.ATTRIBUTE, Caller.ANONYMOUS);
        if (caller.kind() == Caller.Kind.USER) {
            return "user:" + caller.userId();
        }
        return (caller.kind() == Caller.Kind.BOT ? "bot-ip:" : "ip:") + addresses.of(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
