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
 * service token header) a client sent, and sets the user id from the token the gateway verified (a bot's
 * user id for a bot token). The {@code Authorization} header goes on unchanged: every service verifies
 * the token again.
 */
@Component
public class IdentityHeaderFilter implements GlobalFilter, Ordered {

    /** Before the rate limiter (which keys on the caller) and every route filter. */
    public static final int ORDER = -200;
    /**
     * Exchange attribute holding the caller's verified access token ({@code Jwt}), for bearer callers only: the
     * {@code RateLimitFilter} asks Redis whether it was revoked in its own round trip (ADR 268).
     */
    public static final String ACCESS_TOKEN_ATTRIBUTE = IdentityHeaderFilter.class.getName() + ".accessToken";
    /** Service-to-service header; never accepted from outside. */

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .map(principal -> {
                    if (principal instanceof JwtAuthenticationToken jwt) {
                        exchange.getAttributes().put(ACCESS_TOKEN_ATTRIBUTE, jwt.getToken());
                    }
                    return caller(principal);
                })
                .defaultIfEmpty(Caller.ANONYMOUS)
                .flatMap(caller -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    ServerWebExchange forwarded = exchange.mutate().request(request -> request.headers(headers -> {
                        headers.remove(TokenClaims.USER_ID_HEADER);
                        headers.remove(InternalApi.TOKEN_HEADER);
                        if (caller.kind() != Caller.Kind.ANONYMOUS) {
                            headers.set(TokenClaims.USER_ID_HEADER, caller.userId());
                        }
                    })).build();
                    return chain.filter(forwarded);
                });
    }

    private static Caller caller(java.security.Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt) {
            return Caller.user(jwt.getToken().getSubject());
        }
        if (principal instanceof BotAuthentication bot && bot.bot() != null) {
            return Caller.bot(bot.bot().userId());
        }
        return Caller.ANONYMOUS;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
