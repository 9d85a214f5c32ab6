package dev.guildhall.media.rtp;

/** Drops RTP that does not parse (bad version, header longer than the packet). */
public final class RtpCheckNode implements PacketNode {

    private final PacketNode next;

    public RtpCheckNode(PacketNode next) {
        this.next = next;
    }

    @Override
    public void accept(Packet packet) {
        if (Rtp.wellFormed(packet)) {
            next.accept(packet);
        }
    }
}
