package dev.guildhall.media.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpTest {

    static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    final OfferBuilder builder = new OfferBuilder("42", "ufrag1", "pwd1234567890123456789", FP,
            List.of(new IceCandidate("1", 1, "udp", 2130706431L, "192.0.2.2", 10000, "host")));

    @Test
    void theFirstOfferHasTheThreeUplinksRecvonlyBundledWithRtcpMux() {
        String sdp = builder.build(List.of());
        assertThat(sdp).startsWith("v=0\r\n").contains("a=group:BUNDLE audio video screen\r\n");
        assertThat(sdp.split("m=")).hasSize(4);
        assertThat(sdp).contains("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n").contains("a=rtpmap:111 opus/48000/2\r\n")
                .contains("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n")
                .contains("a=rtpmap:96 VP8/90000\r\n").contains("a=rtcp-fb:96 nack pli\r\n")
                .contains("a=rtcp-fb:96 goog-remb\r\n")
                .contains("a=mid:audio\r\n").contains("a=mid:video\r\n").contains("a=mid:screen\r\n")
                .contains("a=setup:actpass\r\n").contains("a=fingerprint:sha-256 " + FP + "\r\n")
                .contains("a=ice-ufrag:ufrag1\r\n").contains("a=rtcp-mux\r\n")
                .contains("a=candidate:1 1 udp 2130706431 192.0.2.2 10000 typ host\r\n");
        assertThat(count(sdp, "a=recvonly")).isEqualTo(3);
        assertThat(sdp).doesNotContain("a=sendonly").doesNotContain("a=ssrc:");
    }

    @Test
    void remoteSourcesFollowAsSendonlyWithTheirSsrcAndInactiveSlotsStay() {
        String sdp = builder.build(List.of(new Downlink("d0", MediaKind.AUDIO, 1111L, "100"),
                new Downlink("d1", MediaKind.SCREEN, null, null)));
        assertThat(sdp).contains("a=group:BUNDLE audio video screen d0 d1\r\n");
        int d0 = sdp.indexOf("a=mid:d0");
        int d1 = sdp.indexOf("a=mid:d1");
        String first = sdp.substring(d0, d1);
        assertThat(first).contains("a=sendonly").contains("a=ssrc:1111 cname:100")
                .contains("a=msid:u100-audio d0");
        String second = sdp.substring(d1);
        assertThat(second).contains("a=inactive").doesNotContain("a=ssrc:");
        assertThat(sdp.substring(sdp.lastIndexOf("m=", d1), d1)).startsWith("m=video");
        assertThat(builder.build(List.of())).contains("o=guildhall 42 2 IN IP4");
    }

    /** What Chromium answers to such an offer (trimmed to the lines that matter). */
    static final String CHROME_ANSWER = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE audio video screen d0",
            "a=msid-semantic: WMS stream",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:2999745851 1 udp 2122260223 192.0.2.7 54321 typ host generation 0 network-id 1",
            "a=candidate:1 1 udp 2122260223 9f1c.local 54322 typ host generation 0",
            "a=candidate:842163049 1 tcp 1518280447 192.0.2.7 9 typ host tcptype active",
            "a=ice-ufrag:Xy12",
            "a=ice-pwd:abcdefghijklmnopqrstuvwx",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 " + FP,
            "a=setup:active",
            "a=mid:audio",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=sendonly",
            "a=msid:stream track-a",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=ssrc:1001 cname:abc",
            "a=ssrc:1001 msid:stream track-a",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:Xy12",
            "a=ice-pwd:abcdefghijklmnopqrstuvwx",
            "a=fingerprint:sha-256 " + FP,
            "a=setup:active",
            "a=mid:video",
            "a=inactive",
            "a=rtcp-mux",
            "a=rtpmap:96 VP8/90000",
            "m=video 0 UDP/TLS/RTP/SAVPF 96",
            "c=IN IP4 0.0.0.0",
            "a=mid:screen",
            "a=inactive",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=mid:d0",
            "a=recvonly",
            "a=rtpmap:111 opus/48000/2",
            "");

    @Test
    void anAnswerGivesIceDtlsAndTheSsrcPerUplink() {
        SdpAnswer answer = SdpAnswer.parse(CHROME_ANSWER);
        assertThat(answer.iceUfrag()).isEqualTo("Xy12");
        assertThat(answer.icePwd()).isEqualTo("abcdefghijklmnopqrstuvwx");
        assertThat(answer.fingerprintHash()).isEqualTo("sha-256");
        assertThat(answer.fingerprint()).isEqualTo(FP);
        assertThat(answer.setup()).isEqualTo("active");
        assertThat(answer.candidates()).extracting(IceCandidate::address).containsExactly("192.0.2.7", "9f1c.local");
        assertThat(answer.media().keySet()).containsExactly("audio", "video", "screen", "d0");
        assertThat(answer.media().get("audio").clientSends()).isTrue();
        assertThat(answer.media().get("audio").primarySsrc()).isEqualTo(1001L);
        assertThat(answer.media().get("video").clientSends()).isFalse();
        assertThat(answer.media().get("screen").rejected()).isTrue();
        assertThat(answer.media().get("d0").direction()).isEqualTo("recvonly");
    }

    @Test
    void anAnswerWithoutCredentialsOrFingerprintIsRefused() {
        assertThatThrownBy(() -> SdpAnswer.parse("v=0\r\nm=audio 9 X 111\r\na=mid:audio\r\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpAnswer.parse(CHROME_ANSWER.replace("a=fingerprint", "a=x-fingerprint")))
                .hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> SdpAnswer.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void candidatesParseFromTrickleFramesWithOrWithoutPrefix() {
        IceCandidate c = IceCandidate.parse("candidate:1 1 UDP 2122260223 192.0.2.7 5000 typ srflx raddr 10.0.0.1 rport 5000");
        assertThat(c).isEqualTo(new IceCandidate("1", 1, "udp", 2122260223L, "192.0.2.7", 5000, "srflx"));
        assertThat(IceCandidate.parse("a=" + c.toSdp())).isEqualTo(c);
        assertThat(IceCandidate.parse("candidate:1 1 tcp 1 192.0.2.7 9 typ host")).isNull();
        assertThat(IceCandidate.parse("")).isNull();
    }

    private static int count(String s, String needle) {
        return s.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }
}
