package dev.guildhall.websocket.protocol;

/** What a connection's send queue holds: a shared dispatch plus this session's seq, or raw bytes. */
public sealed interface OutboundFrame {

    record Dispatch(DispatchFrame frame, long seq) implements OutboundFrame {
    }

    record Raw(byte[] json) implements OutboundFrame {
    }
}
