package dev.guildhall.gateway.resilience;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * Bulkheads at the edge (ADR 212): how many requests may be in flight at once through one route and to one
 * downstream service. A request past either limit is answered at once with 429 {@code OVERLOADED} and
 * {@code Retry-After}, before the downstream's queues (and its latency) grow.
 *
 * @param enabled        off = no concurrency limits
 * @param retryAfter     the {@code Retry-After} of a refusal
 * @param routeDefault   requests in flight per route, unless {@code routes} names it
 * @param routes         per route id
 * @param serviceDefault requests in flight per downstream service (all its routes), unless {@code services} names it
 * @param services       per service short name ({@code message}, {@code auth}, ... as in {@code guildhall.services})
 * @param adaptive       whether each service's limit also follows its latency, between {@code adaptiveMin} and its
 *                       bulkhead's size (ADR 264)
 * @param adaptiveMin    the lowest a service's adaptive limit goes
 */
@ConfigurationProperties("guildhall.gateway.concurrency")
public record ConcurrencyLimitProperties(@DefaultValue("true") boolean enabled,
                                         @DefaultValue("1s") Duration retryAfter,
                                         @DefaultValue("64") int routeDefault,
                                         Map<String, Integer> routes,
                                         @DefaultValue("128") int serviceDefault,
                                         Map<String, Integer> services,
                                         @DefaultValue("true") boolean adaptive,
                                         @DefaultValue("8") int adaptiveMin) {

    public ConcurrencyLimitProperties {
        routes = routes != null ? Map.copyOf(routes) : Map.of();
        services = services != null ? Map.copyOf(services) : Map.of();
        if (routeDefault < 1 || serviceDefault < 1 || adaptiveMin < 1 || routes.values().stream().anyMatch(v -> v < 1)
                || services.values().stream().anyMatch(v -> v < 1)) {
            throw new IllegalArgumentException("guildhall.gateway.concurrency limits must be at least 1");
        }
    }

    public int route(String routeId) {
        return routes.getOrDefault(routeId, routeDefault);
    }

    public int service(String name) {
        return services.getOrDefault(name, serviceDefault);
    }
}
