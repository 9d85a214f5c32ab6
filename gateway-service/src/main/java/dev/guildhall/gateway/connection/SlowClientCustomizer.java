package dev.guildhall.gateway.connection;

import dev.guildhall.gateway.metrics.GatewayMetrics;
import dev.guildhall.gateway.routing.ProxyProperties;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The gateway's defences against slow and greedy clients at the HTTP-server layer (issue 14, finding 3; ADR 206):
 * Reactor Netty's own read and request timeouts for bodies (408 and close), {@link RequestHeadDeadline} for the
 * request line and headers, and a cap on open connections per client address. Idle keep-alive connections are
 * {@code server.netty.idle-timeout}'s. WebSockets are none of these' business once upgraded.
 */
@Component
public class SlowClientCustomizer implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(SlowClientCustomizer.class);

    private final ConnectionProperties properties;
    private final GatewayMetrics metrics;
    private final ConnectionsPerAddress connections;

    public SlowClientCustomizer(ConnectionProperties properties, ProxyProperties proxy, GatewayMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
        boolean capped = properties.maxPerAddress() > 0 && proxy.trustedHops() == 0;
        this.connections = capped ? new ConnectionsPerAddress(properties.maxPerAddress()) : null;
        if (!capped && properties.maxPerAddress() > 0) {
            log.info("No per-address connection cap: behind {} trusted proxy hop(s) every peer is a proxy",
                    proxy.trustedHops());
        }
    }

    @Override
    public HttpServer apply(HttpServer server) {
        long headMillis = properties.requestHeadTimeout().toMillis();
        return server
                .readTimeout(properties.bodyReadTimeout())
                .requestTimeout(properties.bodyTimeout())
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    if (!admitted(channel, channel.remoteAddress())) {
                        return;
                    }
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, RequestHeadDeadline.NAME,
                                new RequestHeadDeadline(headMillis));
                    }
                });
    }

    private boolean admitted(Channel channel, SocketAddress remoteAddress) {
        if (connections == null || !(remoteAddress instanceof InetSocketAddress peer) || peer.getAddress() == null) {
            return true;
        }
        if (!connections.tryOpen(peer.getAddress())) {
            metrics.connectionRefused();
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(closed -> connections.closed(peer.getAddress()));
        return true;
    }
}
