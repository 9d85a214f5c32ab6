package dev.guildhall.media.conference;

import dev.guildhall.media.sdp.Codecs;
import dev.guildhall.media.sdp.MediaKind;
import dev.guildhall.media.sdp.SdpAnswer;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** A client's answers to the node's offers, as a browser would make them (trimmed to what the node reads). */
final class Answers {

    static final String FINGERPRINT =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    private Answers() {
    }

    /** Accepts every offered source (recvonly), sends nothing on the uplinks. */
    static String to(String offer) {
        return to(offer, Set.of());
    }

    /** Like {@link #to(String)}, but answers the mids in {@code declined} inactive. */
    static String to(String offer, Set<String> declined) {
        return to(offer, declined, Map.of());
    }

    /** Accepts the offered sources but those in {@code declined}, and sends {@code uplinks} (SSRC by kind). */
    static String to(String offer, Set<String> declined, Map<MediaKind, Long> uplinks) {
        SdpAnswer parsed = SdpAnswer.parse(offer);
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sdp.append("a=group:BUNDLE ").append(String.join(" ", parsed.media().keySet())).append("\r\n");
        for (SdpAnswer.Media m : parsed.media().values()) {
            int pt = m.type().equals("audio") ? Codecs.OPUS_PT : Codecs.VP8_PT;
            sdp.append("m=").append(m.type()).append(" 9 UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n");
            sdp.append("a=mid:").append(m.mid()).append("\r\n");
            sdp.append("a=ice-ufrag:test\r\na=ice-pwd:testtesttesttesttesttest\r\n");
            sdp.append("a=fingerprint:sha-256 ").append(FINGERPRINT).append("\r\n");
            sdp.append("a=setup:active\r\n");
            MediaKind uplink = MediaKind.ofUplinkMid(m.mid());
            if (uplink != null && uplinks.containsKey(uplink)) {
                sdp.append("a=sendonly\r\na=ssrc:").append(uplinks.get(uplink)).append(" cname:test\r\n");
            } else {
                boolean receives = uplink == null && m.direction().equals("sendonly") && !declined.contains(m.mid());
                sdp.append(receives ? "a=recvonly\r\n" : "a=inactive\r\n");
            }
        }
        return sdp.toString();
    }

    /**
     * Answers the endpoint's offers until none is outstanding (an answer may be followed by a re-offer),
     * accepting every source and sending what the endpoint already sends.
     */
    static void all(Endpoint endpoint, RecordingChannel channel) {
        int answered = 0;
        while (channel.offers() > answered) {
            answered = channel.offers();
            Map<MediaKind, Long> uplinks = new EnumMap<>(MediaKind.class);
            endpoint.uplinks().forEach(s -> uplinks.put(s.kind(), s.ssrc()));
            endpoint.onAnswer(channel, to(channel.lastOffer(), Set.of(), uplinks));
        }
    }
}
