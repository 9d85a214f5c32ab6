package dev.guildhall.websocket.session;

import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.protocol.OutboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A connection's send side on Reactor Netty: a bounded single-consumer queue drained by the
 * socket as fast as the client reads (Reactor Netty stops requesting while the channel is not
 * writable, so a slow client fills its own queue, nobody else's). A dispatch goes out as a
 * composite of the shared prefix, this session's {@code s} and the event's shared suffix: the
 * payload bytes are never copied per recipient.
 */
public final class ReactorNettyTransport implements ConnectionTransport {

    private final WebSocketSession socket;
    private final Sinks.Many<OutboundFrame> queue;
    private volatile CloseStatus closeStatus = CloseStatus.NORMAL;
    private boolean closed;

    public ReactorNettyTransport(WebSocketSession socket, int capacity) {
        this.socket = socket;
        this.queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<OutboundFrame>get(capacity).get());
    }

    @Override
    public synchronized boolean offer(OutboundFrame frame) {
        if (closed) {
            return true;
        }
        Sinks.EmitResult result = queue.tryEmitNext(frame);
        return result != Sinks.EmitResult.FAIL_OVERFLOW;
    }

    @Override
    public synchronized void close(int code, String reason, boolean flush) {
        if (closed) {
            return;
        }
        closed = true;
        closeStatus = new CloseStatus(code, reason);
        if (flush) {
            queue.tryEmitComplete();
        } else {
            socket.close(closeStatus).subscribe();
            queue.tryEmitComplete();
        }
    }

    /** The socket went away; stop the send side. */
    public synchronized void terminate() {
        closed = true;
        queue.tryEmitComplete();
    }

    public CloseStatus closeStatus() {
        return closeStatus;
    }

    public Flux<WebSocketMessage> messages() {
        DataBufferFactory factory = socket.bufferFactory();
        return queue.asFlux().map(frame -> toMessage(factory, frame));
    }

    /**
     * As {@link #messages()}, each frame's bytes passed through {@code compression} (in queue order, one at a
     * time) and sent as a binary message: the Discord dialect's zlib-stream (ADR 180).
     */
    public Flux<WebSocketMessage> compressedMessages(UnaryOperator<byte[]> compression) {
        DataBufferFactory factory = socket.bufferFactory();
        return queue.asFlux().map(frame -> new WebSocketMessage(WebSocketMessage.Type.BINARY,
                factory.wrap(compression.apply(bytes(frame)))));
    }

    private static byte[] bytes(OutboundFrame frame) {
        if (frame instanceof OutboundFrame.Dispatch dispatch) {
            return dispatch.frame().bytes(dispatch.seq());
        }
        return ((OutboundFrame.Raw) frame).json();
    }

    private static WebSocketMessage toMessage(DataBufferFactory factory, OutboundFrame frame) {
        if (frame instanceof OutboundFrame.Dispatch dispatch) {
            DispatchFrame f = dispatch.frame();
            if (factory instanceof NettyDataBufferFactory netty) {
                ByteBuf composite = Unpooled.wrappedBuffer(DispatchFrame.PREFIX,
                        Long.toString(dispatch.seq()).getBytes(StandardCharsets.US_ASCII), f.suffix());
                return new WebSocketMessage(WebSocketMessage.Type.TEXT, netty.wrap(composite));
            }
            return new WebSocketMessage(WebSocketMessage.Type.TEXT, factory.wrap(f.bytes(dispatch.seq())));
        }
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, factory.wrap(((OutboundFrame.Raw) frame).json()));
    }
}
