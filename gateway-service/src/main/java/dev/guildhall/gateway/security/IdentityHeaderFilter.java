package dev.guildhall.gateway.security;

import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.security.TokenClaims;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Passes the verified identity downstream: removes any {@code X-Guildhall-User-Id} (and the internal
 * service token header) a client sent, and sets the user id from the token the gateway verified. The
 * {@code Authorization} header goes on unchanged: every service verifies the token again.
 */
@Component
public class IdentityHeaderFilter implements GlobalFilter, Ordered {

    /** Before the rate limiter (which keys on the caller) and every route filter. */
    public static final int ORDER = -200;
    /** Service-to-service header; never accepted from outside. */

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> Caller.user(((JwtAuthenticationToken) principal).getToken().getSubject()))
                .defaultIfEmpty(PublicEndpoints.isBot(exchange) ? Caller.BOT : Caller.ANONYMOUS)
                .flatMap(caller -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    ServerWebExchange forwarded = exchange.mutate().request(request -> request.headers(headers -> {
                        headers.remove(TokenClaims.USER_ID_HEADER);
                        headers.remove(InternalApi.TOKEN_HEADER);
                        if (caller.kind() == Caller.Kind.USER) {
                            headers.set(TokenClaims.USER_ID_HEADER, caller.userId());
                        }
                    })).build();
                    return chain.filter(forwarded);
                });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
