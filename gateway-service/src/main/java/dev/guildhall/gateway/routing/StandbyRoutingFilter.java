package dev.guildhall.gateway.routing;

import java.net.URI;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a request whose route points at a primary that is restarting to its standby instead (ADR 276): only the
 * request URL's scheme, host and port change, after the route, its limits and its breaker were chosen by the primary.
 */
@Component
public class StandbyRoutingFilter implements GlobalFilter, Ordered {

    private final StandbyRouter router;

    public StandbyRoutingFilter(StandbyRouter router) {
        this.router = router;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (url != null) {
            URI moved = router.route(url);
            if (moved != url) {
                exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, moved);
            }
        }
        return chain.filter(exchange);
    }

    /** After the request URL is final (the load balancer's choice included), before the routing filters send it. */
    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
