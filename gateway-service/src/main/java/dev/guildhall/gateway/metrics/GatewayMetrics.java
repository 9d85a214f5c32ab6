package dev.guildhall.gateway.metrics;

import dev.guildhall.gateway.resilience.AdaptiveLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The gateway's own domain metrics, in one place. Request timings per route come from Spring Cloud
 * Gateway's observation ({@code spring.cloud.gateway.requests}), breaker states from resilience4j.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter limiterUnavailable;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.limiterUnavailable = Counter.builder("guildhall.gateway.ratelimit.unavailable")
                .description("Rate-limit decisions skipped because Redis did not answer (requests let through)")
                .register(registry);
    }

    /** A request refused with 429. */
    public void rateLimited(String bucket, boolean global) {
        Counter.builder("guildhall.gateway.ratelimit.refused")
                .description("Requests refused with 429")
                .tag("bucket", global ? "global" : bucket)
                .tag("global", Boolean.toString(global))
                .register(registry)
                .increment();
    }

    /** A rate-limit decision that failed open. */
    public void rateLimiterUnavailable() {
        limiterUnavailable.increment();
    }

    /** A route's fallback answered instead of its downstream. */
    public void fallback(String route, String reason) {
        Counter.builder("guildhall.gateway.fallbacks")
                .description("Requests answered by a route's fallback (downstream unreachable, slow or breaker open)")
                .tag("route", route)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** A request refused by a bulkhead (429 OVERLOADED): {@code limit} is {@code route} or {@code service}. */
    public void overloaded(String route, String limit) {
        Counter.builder("guildhall.gateway.overloaded")
                .description("Requests refused with 429 because too many were in flight to their route or service")
                .tag("route", route)
                .tag("limit", limit)
                .register(registry)
                .increment();
    }

    /** The adaptive concurrency limit of one downstream service (ADR 264), as a gauge. */
    public void concurrencyLimit(String service, AdaptiveLimit limit) {
        Gauge.builder("guildhall.gateway.concurrency.limit", limit,
                        AdaptiveLimit::limit)
                .description("Requests the gateway lets be in flight to a service now (follows its latency)")
                .tag("service", service)
                .register(registry);
    }

    /** A request body refused as too large. */
    public void payloadTooLarge() {
        registry.counter("guildhall.gateway.payload.too_large").increment();
    }

    /** A connection closed at once because its address already held the cap (ADR 206). */
    public void connectionRefused() {
        registry.counter("guildhall.gateway.connections.refused").increment();
    }
}
