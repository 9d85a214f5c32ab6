package dev.guildhall.gateway.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for the request line and headers, counted from the connection. Netty's idle handlers restart on every
 * byte, so a client that drips one header byte every few seconds would hold the connection forever; this one does
 * not restart. Past the deadline the client gets a 408 problem and the connection is closed. After a response, a
 * kept-alive connection waits for its next request up to {@link #KEEP_ALIVE_MILLIS} and is then closed without an
 * answer, as any server's keep-alive timeout does: a 408 there would be read by a client that reuses the
 * connection at that moment as the answer to its next request (the head deadline sits after the HTTP codec and
 * cannot see the first byte of that request). Sits right after the HTTP codec; removes itself
 * when the connection is upgraded to a WebSocket (heartbeats keep those, ADR 206).
 */
final class RequestHeadDeadline extends ChannelDuplexHandler {

    static final String NAME = "guildhall.requestHeadDeadline";

    private static final byte[] PROBLEM = ("{\"type\":\"about:blank\",\"title\":\"Request Timeout\",\"status\":408,"
            + "\"detail\":\"The request was not received in time\",\"code\":\"REQUEST_TIMEOUT\"}")
            .getBytes(StandardCharsets.UTF_8);

    /** How long a kept-alive connection waits for its next request (as {@code server.netty.idle-timeout}). */
    static final long KEEP_ALIVE_MILLIS = 60_000;

    private final long timeoutMillis;
    private ScheduledFuture<?> deadline;
    private boolean waitingForHead;
    private boolean keptAlive;

    RequestHeadDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx, false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            disarm();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response
                && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            disarm();
            super.write(ctx, msg, promise);
            ctx.pipeline().remove(this);
            return;
        } else if (msg instanceof LastHttpContent) {
            // the next request on this kept-alive connection gets its own deadline
            promise = promise.unvoid();
            promise.addListener(written -> {
                if (written.isSuccess() && ctx.channel().isActive()) {
                    arm(ctx, true);
                }
            });
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx, boolean afterResponse) {
        disarm();
        waitingForHead = true;
        keptAlive = afterResponse;
        long millis = afterResponse ? Math.max(timeoutMillis, KEEP_ALIVE_MILLIS) : timeoutMillis;
        deadline = ctx.executor().schedule(() -> expire(ctx), millis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        waitingForHead = false;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (!waitingForHead || !ctx.channel().isActive()) {
            return;
        }
        waitingForHead = false;
        if (keptAlive) {
            ctx.close();
            return;
        }
        FullHttpResponse timeout = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.wrappedBuffer(PROBLEM));
        timeout.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, PROBLEM.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
    }
}
