package dev.guildhall.gateway.routing;

import dev.guildhall.support.websocket.FrameGuardCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client's side of every proxied WebSocket ({@code /gateway}, media signalling) answers a protocol violation
 * with its RFC 6455 close code at the edge, as websocket-service does behind it (ADR 207): a frame or fragmented
 * message over 64 KiB (Reactor Netty's default limit for the upgrade, which the proxy keeps) is closed with 1009
 * after a short linger, RSV bits without an extension with 1002. Without it the gateway's own decoder dropped the
 * connection at once and the client saw 1001 or an abrupt end (FleetFrameFuzzTest).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketFrameLimits {

    /** Reactor Netty's default {@code maxFramePayloadLength} for a server WebSocket, and websocket-service's. */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    @Bean
    FrameGuardCustomizer webSocketFrameGuard() {
        return new FrameGuardCustomizer(MAX_FRAME_BYTES);
    }
}
