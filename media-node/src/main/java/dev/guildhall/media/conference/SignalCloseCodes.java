package dev.guildhall.media.conference;

/** WebSocket close codes of the signalling connection (ADR 093). */
public final class SignalCloseCodes {

    /** A frame that is not {@code {op, d}} JSON, or an unknown op. */
    public static final int BAD_FRAME = 4000;
    /** Anything but {@code identify} before identifying. */
    public static final int NOT_IDENTIFIED = 4003;
    /** The voice token is malformed, forged, expired or for another node. */
    public static final int INVALID_TOKEN = 4004;
    /** Identified twice on one connection. */
    public static final int ALREADY_IDENTIFIED = 4005;
    /** The token's conference or endpoint is not allocated here (any more). */
    public static final int UNKNOWN_SESSION = 4006;
    /** The endpoint or its conference was expired by voice-service. */
    public static final int EXPIRED = 4007;
    /** Another connection took over this endpoint. */
    public static final int REPLACED = 4008;
    /** ICE or DTLS failed. */
    public static final int TRANSPORT_FAILED = 4009;
    /** The answer could not be used. */
    public static final int BAD_SDP = 4010;
    /** No heartbeat for too long. */
    public static final int TIMEOUT = 4011;

    private SignalCloseCodes() {
    }
}
