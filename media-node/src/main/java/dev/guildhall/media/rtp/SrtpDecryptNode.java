package dev.guildhall.media.rtp;

import dev.guildhall.media.srtp.SrtpSession;

import java.util.function.Supplier;

/** Decrypts SRTP or SRTCP once, on arrival; drops what fails authentication or arrives before the keys. */
public final class SrtpDecryptNode implements PacketNode {

    private final Supplier<SrtpSession> session;
    private final boolean rtcp;
    private final PacketNode next;
    private long dropped;

    public SrtpDecryptNode(Supplier<SrtpSession> session, boolean rtcp, PacketNode next) {
        this.session = session;
        this.rtcp = rtcp;
        this.next = next;
    }

    @Override
    public void accept(Packet packet) {
        SrtpSession srtp = session.get();
        boolean ok = srtp != null && (rtcp ? srtp.decryptRtcp(packet) : srtp.decryptRtp(packet));
        if (ok) {
            next.accept(packet);
        } else {
            dropped++;
        }
    }

    public long dropped() {
        return dropped;
    }
}
