package dev.guildhall.media.sdp;

import java.util.Locale;

/** What a source carries. Screen share is a second video source of the same endpoint. */
public enum MediaKind {
    AUDIO("audio"), VIDEO("video"), SCREEN("video");

    private final String sdpMedia;

    MediaKind(String sdpMedia) {
        this.sdpMedia = sdpMedia;
    }

    /** The SDP media type ({@code m=audio} or {@code m=video}). */
    public String sdpMedia() {
        return sdpMedia;
    }

    /** The name in signalling frames: {@code audio}, {@code video}, {@code screen}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The uplink mid a client attaches this kind's track to. */
    public String uplinkMid() {
        return wireName();
    }

    public static MediaKind ofUplinkMid(String mid) {
        for (MediaKind kind : values()) {
            if (kind.uplinkMid().equals(mid)) {
                return kind;
            }
        }
        return null;
    }
}
