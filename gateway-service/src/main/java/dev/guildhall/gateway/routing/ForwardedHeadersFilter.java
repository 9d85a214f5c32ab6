package dev.guildhall.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;

/**
 * Tells the services who the client is: {@code X-Forwarded-For/Proto/Host/Port} on every proxied
 * request. What a direct client claims in these headers is discarded; only with
 * {@code guildhall.gateway.proxy.trusted-hops > 0} are the proxies' entries kept and appended to.
 * (Spring Cloud Gateway's own filter adds nothing at all unless the peer is a trusted proxy.)
 */
@Component
public class ForwardedHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String FOR = "X-Forwarded-For";
    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";
    static final String PORT = "X-Forwarded-Port";

    private final boolean trustIncoming;

    public ForwardedHeadersFilter(ProxyProperties properties) {
        this.trustIncoming = properties.trustedHops() > 0;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(input);
        // from the request as received: Spring Cloud Gateway's RemoveXForwardedHeadersFilter has
        // already dropped them from `input`
        HttpHeaders received = request.getHeaders();
        String incomingFor = received.getFirst(FOR);
        String incomingProto = received.getFirst(PROTO);
        String incomingHost = received.getFirst(HOST);
        String incomingPort = received.getFirst(PORT);
        for (String name : new String[] {FOR, PROTO, HOST, PORT, "X-Forwarded-Prefix", "Forwarded"}) {
            headers.remove(name);
        }
        String peer = ClientAddress.peer(exchange);
        headers.set(FOR, trustIncoming && incomingFor != null ? incomingFor + ", " + peer : peer);
        URI uri = request.getURI();
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().replace("ws", "http");
        headers.set(PROTO, trustIncoming && incomingProto != null ? incomingProto : scheme);
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (trustIncoming && incomingHost != null) {
            headers.set(HOST, incomingHost);
        } else if (host != null) {
            headers.set(HOST, host);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        headers.set(PORT, trustIncoming && incomingPort != null ? incomingPort : Integer.toString(port));
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
