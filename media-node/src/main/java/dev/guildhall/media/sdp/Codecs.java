package dev.guildhall.media.sdp;

/**
 * The payload types and header extension ids the node dictates in every offer. Because the node
 * offers to every endpoint with the same numbers, a packet can be forwarded without rewriting them.
 */
public final class Codecs {

    public static final int OPUS_PT = 111;
    public static final int VP8_PT = 96;
    /** RFC 6464 client-to-mixer audio level. */
    public static final int AUDIO_LEVEL_EXT = 1;
    public static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** Absolute send time, what receive-side bandwidth estimation for REMB needs. */
    public static final int ABS_SEND_TIME_EXT = 3;
    public static final String ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /** RFC 8843 MID, so the node can tell which uplink an unannounced SSRC belongs to. */
    public static final int MID_EXT = 4;
    public static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

    private Codecs() {
    }
}
