package dev.guildhall.gateway.routing;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Locale;

/**
 * {@code /internal/**} is service-to-service only: no route leads there, and this answers 404 before
 * anything else looks at the request (also for {@code //internal} and any letter case), so the
 * gateway never even reveals whether authentication would have been asked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class InternalPathFilter implements WebFilter {

    private final ProblemWriter problems;

    public InternalPathFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isInternal(exchange.getRequest().getPath().value())) {
            return problems.write(exchange, ErrorCode.NOT_FOUND, "Not found");
        }
        return chain.filter(exchange);
    }

    static boolean isInternal(String rawPath) {
        String path = rawPath.replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
        return path.equals("/internal") || path.startsWith("/internal/") || path.startsWith("/internal;");
    }
}
