package dev.guildhall.gateway.webapp;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.resource.AbstractResourceResolver;
import org.springframework.web.reactive.resource.ResourceResolverChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Set;

/**
 * Single-page-app fallback: a GET for a path that is no file, asked for as a page
 * ({@code Accept: text/html}), e.g. {@code /invite/ABC} or {@code /channels/1/2}, gets
 * {@code index.html} so the client router can take over. API, actuator and internal paths never do:
 * they stay a 404 problem.
 */
class SpaFallbackResolver extends AbstractResourceResolver {

    /** First path segments that belong to the API or the platform, never to the client's router. */
    private static final Set<String> RESERVED = Set.of("api", "actuator", "internal", "gateway", "fallback",
            ".well-known");

    private final Resource index;

    SpaFallbackResolver(Resource index) {
        this.index = index;
    }

    @Override
    protected Mono<Resource> resolveResourceInternal(ServerWebExchange exchange, String requestPath,
                                                     List<? extends Resource> locations, ResourceResolverChain chain) {
        if (requestPath.isEmpty()) {
            return Mono.just(index);
        }
        return chain.resolveResource(exchange, requestPath, locations)
                .switchIfEmpty(Mono.defer(() -> exchange != null && isPageRequest(exchange, requestPath)
                        ? Mono.just(index) : Mono.empty()));
    }

    @Override
    protected Mono<String> resolveUrlPathInternal(String resourceUrlPath, List<? extends Resource> locations,
                                                  ResourceResolverChain chain) {
        return chain.resolveUrlPath(resourceUrlPath, locations);
    }

    static boolean isPageRequest(ServerWebExchange exchange, String requestPath) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        int slash = requestPath.indexOf('/');
        if (RESERVED.contains(slash < 0 ? requestPath : requestPath.substring(0, slash))) {
            return false;
        }
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> MediaType.TEXT_HTML.equalsTypeAndSubtype(type));
    }
}
