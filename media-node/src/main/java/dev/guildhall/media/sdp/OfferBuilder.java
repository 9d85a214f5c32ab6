package dev.guildhall.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the node's offer: the three uplink m-lines ({@code audio}, {@code video}, {@code screen},
 * recvonly at the node) and then one sendonly m-line per remote source, all BUNDLEd on one ICE/DTLS
 * transport with rtcp-mux. The node is the DTLS server, so it offers {@code actpass} and expects the
 * client to answer {@code active}.
 */
public final class OfferBuilder {

    private static final String CRLF = "\r\n";

    private final String sessionId;
    private long version;
    private final String iceUfrag;
    private final String icePwd;
    private final String fingerprint;
    private final List<IceCandidate> candidates;

    public OfferBuilder(String sessionId, String iceUfrag, String icePwd, String fingerprint, List<IceCandidate> candidates) {
        this.sessionId = sessionId;
        this.iceUfrag = iceUfrag;
        this.icePwd = icePwd;
        this.fingerprint = fingerprint;
        this.candidates = List.copyOf(candidates);
    }

    /** The next offer: {@code o=} version goes up with each one, as RFC 3264 requires. */
    public synchronized String build(List<Downlink> downlinks) {
        version++;
        List<String> mids = new ArrayList<>(List.of("audio", "video", "screen"));
        downlinks.forEach(d -> mids.add(d.mid()));
        StringBuilder sdp = new StringBuilder();
        line(sdp, "v=0");
        line(sdp, "o=guildhall " + sessionId + " " + version + " IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=group:BUNDLE " + String.join(" ", mids));
        line(sdp, "a=msid-semantic: WMS *");
        line(sdp, "a=ice-options:trickle");
        for (MediaKind kind : MediaKind.values()) {
            media(sdp, kind, kind.uplinkMid(), "recvonly", null, null);
        }
        for (Downlink d : downlinks) {
            media(sdp, d.kind(), d.mid(), d.active() ? "sendonly" : "inactive", d.ssrc(), d.userId());
        }
        return sdp.toString();
    }

    private void media(StringBuilder sdp, MediaKind kind, String mid, String direction, Long ssrc, String userId) {
        boolean audio = kind == MediaKind.AUDIO;
        int pt = audio ? Codecs.OPUS_PT : Codecs.VP8_PT;
        line(sdp, "m=" + kind.sdpMedia() + " 9 UDP/TLS/RTP/SAVPF " + pt);
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
        line(sdp, "a=ice-ufrag:" + iceUfrag);
        line(sdp, "a=ice-pwd:" + icePwd);
        line(sdp, "a=fingerprint:sha-256 " + fingerprint);
        line(sdp, "a=setup:actpass");
        line(sdp, "a=mid:" + mid);
        if (audio) {
            line(sdp, "a=extmap:" + Codecs.AUDIO_LEVEL_EXT + " " + Codecs.AUDIO_LEVEL_URI);
        }
        line(sdp, "a=extmap:" + Codecs.ABS_SEND_TIME_EXT + " " + Codecs.ABS_SEND_TIME_URI);
        line(sdp, "a=extmap:" + Codecs.MID_EXT + " " + Codecs.MID_URI);
        line(sdp, "a=" + direction);
        line(sdp, "a=rtcp-mux");
        if (audio) {
            line(sdp, "a=rtpmap:" + pt + " opus/48000/2");
            line(sdp, "a=rtcp-fb:" + pt + " goog-remb");
            line(sdp, "a=fmtp:" + pt + " minptime=10;useinbandfec=1");
        } else {
            line(sdp, "a=rtpmap:" + pt + " VP8/90000");
            line(sdp, "a=rtcp-fb:" + pt + " goog-remb");
            line(sdp, "a=rtcp-fb:" + pt + " ccm fir");
            line(sdp, "a=rtcp-fb:" + pt + " nack");
            line(sdp, "a=rtcp-fb:" + pt + " nack pli");
        }
        if (ssrc != null) {
            String stream = "u" + userId + "-" + kind.wireName();
            line(sdp, "a=msid:" + stream + " " + mid);
            line(sdp, "a=ssrc:" + ssrc + " cname:" + userId);
            line(sdp, "a=ssrc:" + ssrc + " msid:" + stream + " " + mid);
        }
        for (IceCandidate c : candidates) {
            line(sdp, "a=" + c.toSdp());
        }
        if (!candidates.isEmpty()) {
            line(sdp, "a=end-of-candidates");
        }
    }

    private static void line(StringBuilder sdp, String line) {
        if (!line.isEmpty()) {
            sdp.append(line).append(CRLF);
        }
    }
}
