package dev.guildhall.media.rtp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RtpTest {

    @Test
    void demuxesByFirstByte() {
        byte[] dtls = new byte[20];
        dtls[0] = 22;
        byte[] rtp = {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
        byte[] rtcp = {(byte) 0x81, (byte) 206, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2};
        List<String> seen = new ArrayList<>();
        Demuxer demuxer = new Demuxer(p -> seen.add("dtls"), p -> seen.add("rtp"), p -> seen.add("rtcp"));
        demuxer.accept(dtls, 0, dtls.length);
        demuxer.accept(rtp, 0, rtp.length);
        demuxer.accept(rtcp, 0, rtcp.length);
        demuxer.accept(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 20); // STUN
        assertThat(seen).containsExactly("dtls", "rtp", "rtcp");
    }

    @Test
    void readsOneByteAndTwoByteHeaderExtensions() {
        // one-byte: audio level (id 1) = 0x80|33, then mid (id 4) = "audio"
        byte[] b = new byte[12 + 4 + 8 + 2];
        Packet p = new Packet(b, 0, b.length);
        p.setByte(0, 0x90);
        p.setByte(1, 111);
        p.putU16(12, 0xBEDE);
        p.putU16(14, 2);
        p.setByte(16, 0x10);
        p.setByte(17, 0x80 | 33);
        p.setByte(18, 0x44);
        System.arraycopy("audio".getBytes(StandardCharsets.US_ASCII), 0, b, 19, 5);
        assertThat(Rtp.audioLevel(p, 1)).isEqualTo(33);
        assertThat(Rtp.mid(p, 4)).isEqualTo("audio");
        assertThat(Rtp.headerLength(p)).isEqualTo(24);
        assertThat(Rtp.audioLevel(p, 2)).isEqualTo(-1);

        byte[] t = new byte[12 + 4 + 4];
        Packet two = new Packet(t, 0, t.length);
        two.setByte(0, 0x90);
        two.putU16(12, 0x1000);
        two.putU16(14, 1);
        two.setByte(16, 1);
        two.setByte(17, 1);
        two.setByte(18, 90);
        assertThat(Rtp.audioLevel(two, 1)).isEqualTo(90);
    }

    @Test
    void nackRembAndReceiverReportsRoundTrip() {
        byte[] b = new byte[16];
        Packet nack = new Packet(b, 0, 16);
        nack.setByte(0, 0x81);
        nack.setByte(1, Rtcp.RTPFB);
        nack.putU16(2, 3);
        nack.putU16(12, 65535);
        nack.putU16(14, 0b101);
        List<Integer> lost = new ArrayList<>();
        Rtcp.nackedSequences(nack, Rtcp.blocks(nack).get(0), lost::add);
        assertThat(lost).containsExactly(65535, 0, 2);

        Packet remb = Rtcp.remb(9, 1_500_000, List.of(1L, 2L));
        Rtcp.Block block = Rtcp.blocks(remb).get(0);
        assertThat(Rtcp.rembBitrate(remb, block)).isBetween(1_499_000L, 1_500_000L);
        assertThat(block.length()).isEqualTo(remb.length());

        Packet rr = Rtcp.receiverReport(9, List.of(new Rtcp.ReportBlock(5, 25, 3, 70000, 12)));
        assertThat(rr.length()).isEqualTo(32);
        assertThat(Rtcp.blocks(rr)).singleElement().satisfies(bl -> {
            assertThat(bl.type()).isEqualTo(Rtcp.RR);
            assertThat(bl.fmt()).isEqualTo(1);
        });
        assertThat(rr.u32(8)).isEqualTo(5);
        assertThat(rr.byteAt(12)).isEqualTo(25);
        assertThat(rr.u32(16)).isEqualTo(70000);
    }

    @Test
    void packetCacheKeepsRecentPacketsBySequence() {
        PacketCache cache = new PacketCache();
        for (int seq = 65530; seq < 65536 + 5; seq++) {
            cache.put(RtcpRoutingSamples.rtp(seq & 0xFFFF));
        }
        assertThat(Rtp.sequence(cache.get(65535))).isEqualTo(65535);
        assertThat(Rtp.sequence(cache.get(3))).isEqualTo(3);
        assertThat(cache.get(100)).isNull();
    }

    @Test
    void keyframeRequestsAreThrottledPerInterval() {
        KeyframeThrottle throttle = new KeyframeThrottle(300);
        assertThat(throttle.tryAcquire(0)).isTrue();
        assertThat(throttle.tryAcquire(100_000_000L)).isFalse();
        assertThat(throttle.tryAcquire(301_000_000L)).isTrue();
    }

    static final class RtcpRoutingSamples {
        static Packet rtp(int seq) {
            byte[] b = new byte[12];
            Packet p = new Packet(b, 0, 12);
            p.setByte(0, 0x80);
            p.putU16(2, seq);
            return p;
        }
    }
}
