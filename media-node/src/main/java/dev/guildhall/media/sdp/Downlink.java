package dev.guildhall.media.sdp;

/**
 * One sendonly m-line towards a client: a remote source, or an inactive slot left where a source
 * left (m-lines are never removed, only recycled for a source of the same media type).
 *
 * @param ssrc the forwarded source's SSRC, or null when the slot is inactive
 */
public record Downlink(String mid, MediaKind kind, Long ssrc, String userId) {

    public boolean active() {
        return ssrc != null;
    }
}
