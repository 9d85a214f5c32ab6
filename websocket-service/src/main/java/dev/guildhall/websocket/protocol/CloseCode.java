package dev.guildhall.websocket.protocol;

/**
 * Close codes with Discord's meanings. {@code resumable} says whether the session survives the
 * close (it stays in its resume window and may be continued with RESUME, on any node).
 */
public enum CloseCode {
    UNKNOWN_ERROR(4000, "Unknown error", true),
    UNKNOWN_OPCODE(4001, "Unknown opcode", true),
    DECODE_ERROR(4002, "Decode error", true),
    NOT_AUTHENTICATED(4003, "Not authenticated", true),
    AUTHENTICATION_FAILED(4004, "Authentication failed", false),
    ALREADY_AUTHENTICATED(4005, "Already authenticated", true),
    INVALID_SEQ(4007, "Invalid seq", false),
    RATE_LIMITED(4008, "Rate limited", true),
    SESSION_TIMED_OUT(4009, "Session timed out", true),
    /** A bot asked for negative or unknown intent bits. */
    INVALID_INTENTS(4013, "Invalid intent(s)", false),
    /** A bot asked for a privileged intent its application is not granted. */
    DISALLOWED_INTENTS(4014, "Disallowed intent(s)", false);

    private final int code;
    private final String reason;
    private final boolean resumable;

    CloseCode(int code, String reason, boolean resumable) {
        this.code = code;
        this.reason = reason;
        this.resumable = resumable;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public boolean resumable() {
        return resumable;
    }
}
