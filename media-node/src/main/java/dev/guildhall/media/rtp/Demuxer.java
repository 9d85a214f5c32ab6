package dev.guildhall.media.rtp;

import java.util.function.Consumer;

/**
 * First node of the receive path: tells DTLS from RTP from RTCP by the first bytes (RFC 7983,
 * RFC 5761). STUN never gets here: ice4j consumes it.
 */
public final class Demuxer {

    private final Consumer<Packet> dtls;
    private final PacketNode rtp;
    private final PacketNode rtcp;

    public Demuxer(Consumer<Packet> dtls, PacketNode rtp, PacketNode rtcp) {
        this.dtls = dtls;
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /** The datagram is borrowed: copied before anything keeps it. */
    public void accept(byte[] buf, int off, int len) {
        if (Rtp.isDtls(buf, off, len)) {
            dtls.accept(new Packet(buf, off, len));
        } else if (Rtp.isRtpOrRtcp(buf, off, len)) {
            Packet packet = Packet.copyOf(buf, off, len);
            packet.setReceivedNanos(System.nanoTime());
            if (Rtp.isRtcp(buf, off, len)) {
                rtcp.accept(packet);
            } else {
                rtp.accept(packet);
            }
        }
    }
}
