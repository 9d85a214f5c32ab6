package dev.guildhall.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Every WebSocket upgrade, once its route's URL is known (after the load balancer), is bridged by
 * {@link WebSocketProxy} instead of Spring Cloud Gateway's {@link WebsocketRoutingFilter}, which could lose
 * the client's first frame (ADR 102). Plain requests pass on untouched.
 */
@Component
public class WebSocketRoutingFilter implements GlobalFilter, Ordered {

    private final WebSocketProxy proxy;

    public WebSocketRoutingFilter(WebSocketProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (url == null || ServerWebExchangeUtils.isAlreadyRouted(exchange)
                || !"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            return chain.filter(exchange);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        String wsScheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> null;
        };
        if (wsScheme == null) {
            return chain.filter(exchange);
        }
        ServerWebExchangeUtils.setAlreadyRouted(exchange);
        URI upstream = UriComponentsBuilder.fromUri(url).scheme(wsScheme).build(true).toUri();
        return proxy.proxy(exchange, upstream);
    }

    /** After the load balancer has chosen an instance, just before the generic WebSocket routing. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 2;
    }
}
