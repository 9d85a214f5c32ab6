package dev.guildhall.websocket.discord;

import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.FrameCodec;
import dev.guildhall.websocket.session.ConnectionSettings;
import dev.guildhall.websocket.session.GatewayConnection;
import dev.guildhall.websocket.session.ReactorNettyTransport;
import dev.guildhall.websocket.session.SessionRegistry;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

import java.util.function.LongSupplier;

/**
 * {@code GET /gateway/discord}: Discord's gateway (v10, JSON) for bots. The opcode state machine is the
 * native one ({@link GatewayConnection}: HELLO, heartbeats, IDENTIFY, rate and size limits, close codes are
 * Discord's already); IDENTIFY goes to {@link DiscordSessions} and every dispatch out through {@link
 * DiscordTransport}'s encoder, compressed as zlib-stream when the client asks for it ({@link ZlibStream}).
 */
public final class DiscordGatewayHandler implements WebSocketHandler {

    private final SessionRegistry registry;
    private final DiscordSessions sessions;
    private final DiscordEncoder encoder;
    private final FrameCodec codec;
    private final ConnectionSettings settings;
    private final LongSupplier clock;
    private final WebsocketMetrics metrics;
    private final int queueCapacity;

    public DiscordGatewayHandler(SessionRegistry registry, DiscordSessions sessions, DiscordEncoder encoder,
                                 FrameCodec codec, ConnectionSettings settings, LongSupplier clock,
                                 WebsocketMetrics metrics, int queueCapacity) {
        this.registry = registry;
        this.sessions = sessions;
        this.encoder = encoder;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        ReactorNettyTransport netty = new ReactorNettyTransport(socket, queueCapacity);
        DiscordTransport transport = new DiscordTransport(netty, encoder);
        GatewayConnection connection = new GatewayConnection(transport, sessions.on(transport), codec, settings,
                clock, metrics);
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
                    netty.terminate();
                })
                .then();
        ZlibStream zlib = compressed(socket) ? new ZlibStream() : null;
        Mono<Void> output = socket.send(zlib == null ? netty.messages() : netty.compressedMessages(zlib::compress))
                .then(Mono.defer(() -> socket.close(netty.closeStatus())))
                .onErrorResume(e -> Mono.empty());
        return Mono.when(input, output).doFinally(signal -> {
            connection.onTransportClosed(1006);
            netty.terminate();
            registry.closed(connection);
            if (zlib != null) {
                zlib.close();
            }
        });
    }

    /**
     * {@code ?compress=zlib-stream} (JDA's default, discord.js's when zlib-sync is installed): every frame this
     * connection sends is deflated into one shared context (ADR 180). Anything else, or nothing, is plain JSON
     * text frames; the client's own frames are text either way.
     */
    static boolean compressed(WebSocketSession socket) {
        String query = socket.getHandshakeInfo().getUri().getRawQuery();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("compress=" + ZlibStream.NAME)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(WebSocketMessage message) {
        DataBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        return bytes;
    }
}
