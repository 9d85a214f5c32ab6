package dev.guildhall.gateway.ratelimit;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.common.ratelimit.RateLimitHeaders.Decision;
import dev.guildhall.gateway.metrics.GatewayMetrics;
import dev.guildhall.gateway.routing.ClientAddress;
import dev.guildhall.gateway.security.Caller;
import dev.guildhall.gateway.security.IdentityHeaderFilter;
import dev.guildhall.gateway.security.SecurityProblems;
import dev.guildhall.gateway.web.ProblemWriter;
import dev.guildhall.support.ratelimit.FixedWindows;
import dev.guildhall.support.redis.SharedRedis;
import dev.guildhall.support.security.TokenRevocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies the caller's global bucket and the request's route bucket on every routed request (ahead
 * of the circuit breakers, so a refused request never counts against a downstream), with the shared
 * {@link FixedWindows} limiter (ADR 126). Allowed responses carry the route bucket's {@code X-RateLimit-*}
 * headers unless the downstream sent its own (ADR 127); a refusal is 429 with
 * {@code Retry-After} and {@code {"retry_after": s, "global": bool}} (DESIGN's contract). When Redis
 * cannot answer, the request goes through: a rate limiter outage must not become a platform outage.
 * <p>
 * The same round trip reads the revocation marks of a bearer caller's access token (ADR 208, ADR 268): a revoked
 * token is refused here with the 401 {@code INVALID_TOKEN} the security chain gave before, and, as before, believed
 * when Redis cannot answer. With the limits switched off the revocation check runs alone.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    public static final int ORDER = IdentityHeaderFilter.ORDER + 10;
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private static final String KEY_PREFIX = "guildhall:ratelimit:";
    private static final Duration FIRST_CONNECT_WAIT = Duration.ofSeconds(2);

    private final RateLimitProperties properties;
    private final BucketRules rules;
    private final FixedWindows windows;
    private final GatewayMetrics metrics;
    private final ProblemWriter problems;
    private final ClientAddress addresses;
    private final TokenRevocations revocations;
    private final SecurityProblems securityProblems;
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public RateLimitFilter(RateLimitProperties properties, BucketRules rules, FixedWindows windows, SharedRedis redis,
                           GatewayMetrics metrics, ProblemWriter problems, ClientAddress addresses,
                           TokenRevocations revocations, SecurityProblems securityProblems) {
        this.properties = properties;
        this.rules = rules;
        this.windows = windows;
        this.metrics = metrics;
        this.problems = problems;
        this.addresses = addresses;
        this.revocations = revocations;
        this.securityProblems = securityProblems;
        if (properties.enabled()) {
            // so that a gateway starting next to a healthy Redis limits its very first requests too;
            // never longer (Redis may be down): until connected, requests are let through
            redis.awaitConnected(FIRST_CONNECT_WAIT);
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Jwt token = exchange.getAttribute(IdentityHeaderFilter.ACCESS_TOKEN_ATTRIBUTE);
        if (!properties.enabled()) {
            return token == null ? chain.filter(exchange) : revocations.isRevokedReactive(token)
                    .flatMap(revoked -> revoked ? refuseRevoked(exchange) : chain.filter(exchange));
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        BucketRules.Match match = rules.match(exchange.getRequest(), route != null ? route.getId() : "none");
        BucketRules.BucketSpec global = rules.global();
        String caller = KEY_PREFIX + "{" + callerKey(exchange) + "}:";
        List<FixedWindows.Window> buckets = List.of(
                new FixedWindows.Window(caller + global.name(), global.name(), global.limit().toShared(), true),
                new FixedWindows.Window(caller + match.bucket().name() + match.keySuffix(), match.bucket().name(),
                        match.bucket().limit().toShared(), false));
        // never blocks: without a connection this fails at once (an event loop must not wait for Redis)
        List<String> revocationKeys = token == null ? List.of() : TokenRevocations.keysOf(token);
        return Mono.defer(() -> Mono.fromCompletionStage(windows.takeAsyncReading(buckets, revocationKeys)))
                .timeout(properties.redisTimeout())
                .map(Optional::of)
                .onErrorResume(error -> {
                    failedOpen(error);
                    return Mono.just(Optional.empty());
                })
                .flatMap(reading -> {
                    if (reading.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    if (token != null && TokenRevocations.revoked(token, reading.get().values())) {
                        return refuseRevoked(exchange);
                    }
                    FixedWindows.Verdict verdict = reading.get().verdict();
                    if (!verdict.allowed()) {
                        return refuse(exchange, verdict.refused());
                    }
                    withRouteHeaders(exchange, verdict.decisions().get(1));
                    return chain.filter(exchange);
                });
    }

    /**
     * The route bucket's {@code X-RateLimit-*} headers, unless the downstream answered with its own: one set
     * per response, and the service's bucket is the more specific one (auth's per-account login window,
     * message-service's per-channel send window), so it wins and names itself in {@code X-RateLimit-Bucket}.
     */
    private static void withRouteHeaders(ServerWebExchange exchange, Decision decision) {
        Map<String, String> headers = RateLimitHeaders.headers(decision);
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders response = exchange.getResponse().getHeaders();
            if (!response.containsHeader(RateLimitHeaders.BUCKET)) {
                headers.forEach(response::set);
            }
            return Mono.empty();
        });
    }

    /** As the security chain answers a revoked token (ADR 208): 401 {@code INVALID_TOKEN}, {@code WWW-Authenticate}. */
    private Mono<Void> refuseRevoked(ServerWebExchange exchange) {
        return securityProblems.commence(exchange, new InvalidBearerTokenException("The token has been revoked"));
    }

    private void failedOpen(Throwable error) {
        metrics.rateLimiterUnavailable();
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last > WARN_EVERY_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            log.warn("Rate limit and token revocation not checked (Redis unavailable: {}); letting requests through", error.toString());
        }
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Decision decision) {
        metrics.rateLimited(decision.bucket(), decision.global());
        Map<String, Object> body = new LinkedHashMap<>(RateLimitHeaders.body(decision));
        body.remove("code");
        String detail = (String) body.remove("message");
        Map<String, String> headers = new LinkedHashMap<>(RateLimitHeaders.headers(decision));
        // discord.js takes a 429 without Via for a proxy's (Cloudflare's) and waits it out globally (ADR 178)
        headers.put("Via", "1.1 guildhall");
        return problems.write(exchange, ErrorCode.RATE_LIMITED, detail, body, headers);
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
