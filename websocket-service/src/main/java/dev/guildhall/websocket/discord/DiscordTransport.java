package dev.guildhall.websocket.discord;

import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.protocol.OutboundFrame;
import dev.guildhall.websocket.session.ConnectionTransport;

/**
 * The socket of a Discord-dialect connection: control frames (HELLO, heartbeat ACK, INVALID_SESSION) are
 * the same bytes in both dialects and pass through; each dispatch is re-encoded for this bot by {@link
 * DiscordEncoder} with the sequence number the shared session gave it.
 */
public final class DiscordTransport implements ConnectionTransport {

    private final ConnectionTransport socket;
    private final DiscordEncoder encoder;
    private volatile DiscordIdentity bot;

    public DiscordTransport(ConnectionTransport socket, DiscordEncoder encoder) {
        this.socket = socket;
        this.encoder = encoder;
    }

    void identified(DiscordIdentity identity) {
        this.bot = identity;
    }

    @Override
    public boolean offer(OutboundFrame frame) {
        if (frame instanceof OutboundFrame.Dispatch dispatch) {
            DiscordIdentity identity = bot;
            if (identity == null) {
                return true;
            }
            DispatchFrame encoded = encoder.encode(dispatch.frame(), identity);
            return encoded == null || socket.offer(new OutboundFrame.Dispatch(encoded, dispatch.seq()));
        }
        return socket.offer(frame);
    }

    @Override
    public void close(int code, String reason, boolean flush) {
        socket.close(code, reason, flush);
    }
}
