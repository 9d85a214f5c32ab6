package dev.guildhall.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where each downstream service runs ({@code GUILDHALL_AUTH_URL}, ..., {@code GUILDHALL_WEBSOCKET_URLS}):
 * short name ({@code auth}, {@code server}, ...) to one or more base URLs. The routes name the same
 * properties, the health check and the WebSocket load balancer read this.
 */
@ConfigurationProperties("guildhall")
public record DownstreamServices(Map<String, List<URI>> services) {

    public DownstreamServices {
        services = services != null ? Map.copyOf(services) : Map.of();
    }

    /** The service id the load balancer knows a service by: {@code websocket} → {@code websocket-service}. */
    public static String serviceId(String name) {
        return name + "-service";
    }
}
