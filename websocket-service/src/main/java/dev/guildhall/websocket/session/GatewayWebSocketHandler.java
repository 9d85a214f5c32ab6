package dev.guildhall.websocket.session;

import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.FrameCodec;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

import java.util.function.LongSupplier;

/**
 * {@code GET /gateway}: binds each WebSocket to a {@link GatewayConnection}. Inbound frames go to
 * the state machine on the socket's event loop; outbound frames leave through the connection's
 * bounded queue; when either side closes, the other is wound down and the session released.
 */
public final class GatewayWebSocketHandler implements WebSocketHandler {

    /** Netty's own frame limit; the gateway's smaller payload limit (4002) is checked above it. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private final SessionRegistry registry;
    private final SessionOperations operations;
    private final FrameCodec codec;
    private final ConnectionSettings settings;
    private final LongSupplier clock;
    private final WebsocketMetrics metrics;
    private final int queueCapacity;

    public GatewayWebSocketHandler(SessionRegistry registry, SessionOperations operations, FrameCodec codec,
                                   ConnectionSettings settings, LongSupplier clock, WebsocketMetrics metrics,
                                   int queueCapacity) {
        this.registry = registry;
        this.operations = operations;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        ReactorNettyTransport transport = new ReactorNettyTransport(socket, queueCapacity);
        GatewayConnection connection = new GatewayConnection(transport, operations, codec, settings, clock, metrics);
        registry.opened(connection);
        connection.open();
        if (registry.draining()) {
            connection.reconnect();
        }

        Mono<Void> input = socket.receive()
                .doOnNext(message -> connection.onMessage(bytes(message)))
                .then(socket.closeStatus().map(CloseStatus::getCode).defaultIfEmpty(1006))
                .onErrorReturn(1006)
                .doOnNext(code -> {
                    connection.onTransportClosed(code);
                    transport.terminate();
                })
                .then();
        Mono<Void> output = socket.send(transport.messages())
                .then(Mono.defer(() -> socket.close(transport.closeStatus())))
                .onErrorResume(e -> Mono.empty());
        return Mono.when(input, output).doFinally(signal -> {
            connection.onTransportClosed(1006);
            transport.terminate();
            registry.closed(connection);
        });
    }

    private static byte[] bytes(WebSocketMessage message) {
        DataBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        return bytes;
    }
}
