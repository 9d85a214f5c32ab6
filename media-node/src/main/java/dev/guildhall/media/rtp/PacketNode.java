package dev.guildhall.media.rtp;

/** One step of a packet pipeline: looks at, changes or drops a packet, and hands it on. */
@FunctionalInterface
public interface PacketNode {

    void accept(Packet packet);

    /** A node that drops everything. */
    PacketNode DROP = packet -> {
    };
}
