package dev.guildhall.support.websocket;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** Puts a {@link WebSocketFrameGuard} on every connection of the server, right after its HTTP codec (ADR 207). */
public final class FrameGuardCustomizer implements NettyServerCustomizer {

    private final int maxFramePayloadLength;

    public FrameGuardCustomizer(int maxFramePayloadLength) {
        this.maxFramePayloadLength = maxFramePayloadLength;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, WebSocketFrameGuard.NAME,
                        new WebSocketFrameGuard(maxFramePayloadLength));
            }
        });
    }
}
