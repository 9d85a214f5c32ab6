package dev.guildhall.support.websocket;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/**
 * RFC 6455 errors answered with their close code instead of a dropped connection (issue 14, finding 8; ADR 207),
 * for every WebSocket of this service (native and Discord dialects alike). Reactor Netty's handshake installs a
 * frame decoder that allows extensions (so RSV1 without a negotiated extension went unnoticed) and that, on a frame
 * over the size limit, sends 1009 and closes at once, so a client still sending its large frame sees a reset (1006).
 * At the handshake this swaps in a decoder that allows no extension and does not close by itself; a protocol
 * violation (RSV bits: 1002, a frame or a fragmented message too large: 1009, ...) is then answered with its close
 * frame, the rest of the client's input discarded, and the connection closed once the client closes or after
 * {@link #LINGER_MILLIS}.
 */
public final class WebSocketFrameGuard extends ChannelDuplexHandler {

    static final String NAME = "guildhall.webSocketFrameGuard";
    /** Netty's name for the frame decoder the handshake adds. */
    private static final String DECODER = "wsdecoder";
    static final long LINGER_MILLIS = 2_000;

    private final int maxFramePayloadLength;
    private boolean closing;
    /** Bytes of the message being received, over its fragments. */
    private long messageBytes;

    WebSocketFrameGuard(int maxFramePayloadLength) {
        this.maxFramePayloadLength = maxFramePayloadLength;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response
                && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            ChannelHandler decoder = ctx.pipeline().get(DECODER);
            if (decoder instanceof WebSocket13FrameDecoder) {
                ctx.pipeline().replace(DECODER, DECODER, new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                        .expectMaskedFrames(true)
                        .allowExtensions(false)
                        .maxFramePayloadLength(maxFramePayloadLength)
                        .closeOnProtocolViolation(false)
                        .build()));
            }
        }
        super.write(ctx, msg, promise);
    }

    /**
     * A message sent in fragments, each under the frame limit, is held to the same limit as a whole (Reactor
     * Netty's aggregator further on would only drop the connection); nothing reaches the application once closing.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (closing) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof CloseWebSocketFrame) {
                ctx.close(); // the client's answer to ours: the closing handshake is complete
            }
            return;
        }
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            messageBytes = ((WebSocketFrame) msg).content().readableBytes();
        } else if (msg instanceof ContinuationWebSocketFrame continuation) {
            messageBytes += continuation.content().readableBytes();
        }
        if (messageBytes > maxFramePayloadLength) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof CorruptedWebSocketFrameException violation) {
            // the decoder now discards whatever else the client sends
            refuse(ctx, violation.closeStatus());
        } else if (!closing) {
            super.exceptionCaught(ctx, cause);
        }
    }

    /** Answers with the close code, drops further input, closes when the client does or after the linger. */
    private void refuse(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
        if (closing) {
            return;
        }
        closing = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(status));
        ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }
}
