package dev.guildhall.bench.voice;

import dev.guildhall.media.sdp.Codecs;
import dev.guildhall.media.sdp.IceCandidate;
import dev.guildhall.media.sdp.MediaKind;
import dev.guildhall.media.sdp.SdpAnswer;

import java.util.List;

/**
 * A bench endpoint's answer to the node's offer, as a browser with a microphone and no camera would
 * write it: BUNDLE of every offered mid, DTLS client ({@code a=setup:active}), the audio uplink
 * sendonly with its SSRC, the video and screen uplinks inactive, every remote source received.
 */
final class AnswerSdp {

    /** What the endpoint puts in every answer. */
    record Local(String ufrag, String password, String fingerprint, List<IceCandidate> candidates, long audioSsrc,
                 String cname) {
    }

    private AnswerSdp() {
    }

    static String answer(SdpAnswer offer, Local local) {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sdp.append("a=group:BUNDLE ").append(String.join(" ", offer.media().keySet())).append("\r\n");
        boolean first = true;
        for (SdpAnswer.Media m : offer.media().values()) {
            boolean audio = m.type().equals("audio");
            int pt = audio ? Codecs.OPUS_PT : Codecs.VP8_PT;
            sdp.append("m=").append(m.type()).append(" 9 UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n");
            sdp.append("c=IN IP4 0.0.0.0\r\n");
            sdp.append("a=mid:").append(m.mid()).append("\r\n");
            sdp.append("a=ice-ufrag:").append(local.ufrag()).append("\r\n");
            sdp.append("a=ice-pwd:").append(local.password()).append("\r\n");
            sdp.append("a=fingerprint:sha-256 ").append(local.fingerprint()).append("\r\n");
            sdp.append("a=setup:active\r\n");
            sdp.append("a=rtcp-mux\r\n");
            sdp.append("a=rtpmap:").append(pt).append(audio ? " opus/48000/2" : " VP8/90000").append("\r\n");
            if (audio) {
                sdp.append("a=extmap:").append(Codecs.AUDIO_LEVEL_EXT).append(' ').append(Codecs.AUDIO_LEVEL_URI)
                        .append("\r\n");
            }
            MediaKind uplink = MediaKind.ofUplinkMid(m.mid());
            if (uplink == MediaKind.AUDIO) {
                sdp.append("a=sendonly\r\n");
                sdp.append("a=ssrc:").append(local.audioSsrc()).append(" cname:").append(local.cname()).append("\r\n");
            } else if (uplink != null) {
                sdp.append("a=inactive\r\n");
            } else {
                sdp.append(m.direction().equals("sendonly") ? "a=recvonly\r\n" : "a=inactive\r\n");
            }
            if (first) { // BUNDLE: one transport, candidates once
                for (IceCandidate c : local.candidates()) {
                    sdp.append("a=").append(c.toSdp()).append("\r\n");
                }
                first = false;
            }
        }
        return sdp.toString();
    }
}
