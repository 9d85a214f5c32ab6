package dev.guildhall.gateway.media;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.web.ProblemWriter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Sends {@code /media/{node}/signal} (route {@code media-signal}) to that media node's signalling WebSocket,
 * so browsers reach every node through the gateway's one origin and certificate; only media itself (UDP)
 * goes to the node directly. An unknown or dead node is a 404 problem. The node checks the voice token
 * inside the socket, as websocket-service checks IDENTIFY. The socket itself is bridged by
 * {@link dev.guildhall.gateway.routing.WebSocketRoutingFilter}.
 */
@Component
public class MediaSignalRoutingFilter implements GlobalFilter, Ordered {

    public static final String ROUTE_ID = "media-signal";

    private final MediaNodeDirectory directory;
    private final ProblemWriter problems;

    public MediaSignalRoutingFilter(MediaNodeDirectory directory, ProblemWriter problems) {
        this.directory = directory;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !ROUTE_ID.equals(route.getId())) {
            return chain.filter(exchange);
        }
        Map<String, String> variables = ServerWebExchangeUtils.getUriTemplateVariables(exchange);
        String nodeId = variables.get("node");
        return directory.signalUri(nodeId).flatMap(uri -> {
            if (uri.isEmpty()) {
                return problems.write(exchange, ErrorCode.NOT_FOUND, "Unknown media node");
            }
            if (!"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
                return problems.write(exchange, ErrorCode.VALIDATION_FAILED,
                        "The media signalling endpoint is a WebSocket: connect with an upgrade request");
            }
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, uri.get());
            return chain.filter(exchange);
        }).onErrorResume(e -> problems.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
                "Voice is temporarily unavailable"));
    }

    /** After the route's URL is set, before WebSocketRoutingFilter opens the upstream socket. */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}
