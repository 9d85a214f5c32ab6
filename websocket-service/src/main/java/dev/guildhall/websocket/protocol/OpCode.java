package dev.guildhall.websocket.protocol;

/** Gateway opcodes, numbered as Discord numbers them. */
public final class OpCode {

    /** Server → client: an event ({@code t}, {@code s}, {@code d}). */
    public static final int DISPATCH = 0;
    /** Both ways: keep-alive; the client sends its last seen {@code s} as {@code d}. */
    public static final int HEARTBEAT = 1;
    /** Client → server: start a session {@code {token, intents?, properties?, presence?}}. */
    public static final int IDENTIFY = 2;
    /** Client → server: {@code {status, since?, afk?, activities?}}. */
    public static final int PRESENCE_UPDATE = 3;
    /** Client → server: continue a session {@code {token, session_id, seq}}. */
    public static final int RESUME = 6;
    /** Server → client: reconnect and resume (this node is going away). */
    public static final int RECONNECT = 7;
    /** Server → client: the session is gone; {@code d} says whether it may be resumed. */
    public static final int INVALID_SESSION = 9;
    /** Server → client: first frame, {@code {heartbeat_interval}}. */
    public static final int HELLO = 10;
    /** Server → client: answer to a heartbeat. */
    public static final int HEARTBEAT_ACK = 11;

    private OpCode() {
    }
}
