package dev.guildhall.gateway.routing;

import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/** The client's address: the TCP peer, or the entry the trusted proxies in front of us recorded. */
@Component
public class ClientAddress {

    private final RemoteAddressResolver resolver;

    public ClientAddress(ProxyProperties properties) {
        this.resolver = properties.trustedHops() > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedHops())
                : new RemoteAddressResolver() {
                };
    }

    public String of(ServerWebExchange exchange) {
        return host(resolver.resolve(exchange));
    }

    /** The TCP peer. */
    public static String peer(ServerWebExchange exchange) {
        return host(exchange.getRequest().getRemoteAddress());
    }

    private static String host(InetSocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
