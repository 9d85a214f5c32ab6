package dev.guildhall.media.conference;

import dev.guildhall.media.rtp.KeyframeThrottle;
import dev.guildhall.media.rtp.PacketCache;
import dev.guildhall.media.sdp.MediaKind;

/** One media source in a conference: an endpoint's microphone, camera or screen, known by its SSRC. */
public final class Source {

    private static final long KEYFRAME_REQUEST_INTERVAL_MS = 300;

    private final Endpoint owner;
    private final MediaKind kind;
    private final long ssrc;
    private final PacketCache cache = new PacketCache();
    private final KeyframeThrottle keyframes = new KeyframeThrottle(KEYFRAME_REQUEST_INTERVAL_MS);

    Source(Endpoint owner, MediaKind kind, long ssrc) {
        this.owner = owner;
        this.kind = kind;
        this.ssrc = ssrc;
    }

    public Endpoint owner() {
        return owner;
    }

    public MediaKind kind() {
        return kind;
    }

    public long ssrc() {
        return ssrc;
    }

    public String userId() {
        return owner.userId();
    }

    PacketCache cache() {
        return cache;
    }

    KeyframeThrottle keyframes() {
        return keyframes;
    }
}
