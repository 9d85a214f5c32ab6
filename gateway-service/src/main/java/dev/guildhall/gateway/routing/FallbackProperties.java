package dev.guildhall.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * What a route's fallback answers when its downstream is unreachable, too slow or its breaker open.
 *
 * @param details    route id to the human-readable detail (true for that route)
 * @param retryAfter the {@code Retry-After} of the 503
 */
@ConfigurationProperties("guildhall.gateway.fallback")
public record FallbackProperties(Map<String, String> details, @DefaultValue("5s") Duration retryAfter) {

    public FallbackProperties {
        details = details != null ? Map.copyOf(details) : Map.of();
    }

    public String detail(String routeId) {
        return details.getOrDefault(routeId, "This part of Guildhall is temporarily unavailable");
    }
}
