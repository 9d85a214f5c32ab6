package dev.guildhall.gateway.security;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS ahead of authentication (a preflight carries no token): Spring's {@link CorsWebFilter}
 * logic, except that a refused cross-origin request gets a 403 problem instead of an empty body.
 *
 * @see org.springframework.web.cors.reactive.CorsWebFilter
 */
@Component
public class CorsFilter implements WebFilter, Ordered {

    /** Before Spring Security's chain (-100). */
    public static final int ORDER = -150;

    private final CorsConfigurationSource source;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemWriter problems;

    public CorsFilter(CorsConfigurationSource source, ProblemWriter problems) {
        this.source = source;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CorsConfiguration config = source.getCorsConfiguration(exchange);
        boolean valid = processor.process(config, exchange);
        if (!valid) {
            return problems.write(exchange, ErrorCode.MISSING_PERMISSIONS, "Cross-origin request refused");
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return Mono.empty();
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
