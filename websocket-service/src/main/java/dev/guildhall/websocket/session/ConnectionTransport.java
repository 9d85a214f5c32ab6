package dev.guildhall.websocket.session;

import dev.guildhall.websocket.protocol.OutboundFrame;

/** The socket under a {@link GatewayConnection}; thread-safe. Tests plug in a recording fake. */
public interface ConnectionTransport {

    /**
     * Queues a frame. {@code false} only when the bounded send queue is full (the client is too
     * slow); frames offered after close are dropped silently and count as taken.
     */
    boolean offer(OutboundFrame frame);

    /**
     * Closes the socket with a code.
     *
     * @param flush send what is queued first (a control frame just before the close), or drop it
     *              (a slow consumer whose queue overflowed)
     */
    void close(int code, String reason, boolean flush);
}
