package dev.guildhall.media.rtp;

/** The last packets of one source, by sequence number, so NACKed packets can be sent again. */
public final class PacketCache {

    private static final int SIZE = 512;
    private final Packet[] packets = new Packet[SIZE];

    public synchronized void put(Packet packet) {
        packets[Rtp.sequence(packet) % SIZE] = packet;
    }

    /** The cached packet with this sequence number, or null (never returns a newer one in its slot). */
    public synchronized Packet get(int sequence) {
        Packet p = packets[sequence % SIZE];
        return p != null && Rtp.sequence(p) == sequence ? p : null;
    }
}
