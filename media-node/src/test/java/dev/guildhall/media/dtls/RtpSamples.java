package dev.guildhall.media.dtls;

import dev.guildhall.media.rtp.Packet;

/** Hand-made RTP/RTCP packets for tests. */
public final class RtpSamples {

    private RtpSamples() {
    }

    public static Packet rtp(long ssrc, int seq, int payloadType, byte[] payload) {
        byte[] b = new byte[12 + payload.length];
        Packet p = new Packet(b, 0, b.length);
        p.setByte(0, 0x80);
        p.setByte(1, payloadType);
        p.putU16(2, seq);
        p.putU32(4, seq * 960L);
        p.putU32(8, ssrc);
        System.arraycopy(payload, 0, b, 12, payload.length);
        return Packet.copyOf(b, 0, b.length);
    }

    public static Packet pli(long senderSsrc, long mediaSsrc) {
        byte[] b = new byte[12];
        Packet p = new Packet(b, 0, 12);
        p.setByte(0, 0x81);
        p.setByte(1, 206);
        p.putU16(2, 2);
        p.putU32(4, senderSsrc);
        p.putU32(8, mediaSsrc);
        return Packet.copyOf(b, 0, 12);
    }
}
