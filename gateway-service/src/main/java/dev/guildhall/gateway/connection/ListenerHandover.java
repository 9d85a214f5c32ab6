package dev.guildhall.gateway.connection;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

import java.net.StandardSocketOptions;

/**
 * Lets a successor gateway listen on this one's port while it still serves (ADR 277): with
 * {@code guildhall.gateway.connections.reuse-port} the listening socket is bound with {@code SO_REUSEPORT}; the kernel
 * spreads new connections over every process listening, and once this one closes its socket (the start of its graceful
 * shutdown) they all reach the successor, so a restart never refuses a connection. Off by default: Kubernetes replaces
 * gateway pods behind a Service instead.
 */
@Component
public class ListenerHandover implements NettyServerCustomizer {

    private final boolean reusePort;

    public ListenerHandover(ConnectionProperties properties) {
        this.reusePort = properties.reusePort();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        if (!reusePort) {
            return server;
        }
        // Reactor Netty serves on epoll where its native transport loads (Linux), on NIO otherwise
        return Epoll.isAvailable()
                ? server.option(EpollChannelOption.SO_REUSEPORT, true)
                : server.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
    }
}
