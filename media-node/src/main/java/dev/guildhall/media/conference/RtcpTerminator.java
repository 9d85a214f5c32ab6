package dev.guildhall.media.conference;

import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.PacketNode;
import dev.guildhall.media.rtp.Rtcp;

/**
 * The end of an endpoint's RTCP: the node terminates RTCP instead of relaying it. Keyframe requests
 * (PLI, FIR) go to the source's owner, throttled per source; NACKs are answered from the source's
 * packet cache (both only for a source the asking endpoint is being forwarded); sender reports are passed on (without report blocks) so receivers can sync audio and
 * video; receiver reports and REMB from clients are consumed (the node sends its own).
 */
final class RtcpTerminator implements PacketNode {

    private final Endpoint endpoint;

    RtcpTerminator(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void accept(Packet packet) {
        Conference conference = endpoint.conference();
        for (Rtcp.Block block : Rtcp.blocks(packet)) {
            switch (block.type()) {
                case Rtcp.PSFB -> {
                    if (block.fmt() == Rtcp.FMT_PLI) {
                        requestKeyframe(conference, Rtcp.mediaSsrc(packet, block));
                    } else if (block.fmt() == Rtcp.FMT_FIR) {
                        requestKeyframe(conference, Rtcp.firTarget(packet, block));
                    }
                }
                case Rtcp.RTPFB -> {
                    if (block.fmt() == Rtcp.FMT_NACK) {
                        retransmit(conference, packet, block);
                    }
                }
                case Rtcp.SR -> forwardSenderReport(conference, packet, block);
                default -> {
                    // RR, SDES, BYE, REMB: terminated here
                }
            }
        }
    }

    /** Only for a source this endpoint is sent: one it has not accepted yet is not its to ask about. */
    private void requestKeyframe(Conference conference, long ssrc) {
        if (endpoint.receives(ssrc)) {
            conference.requestKeyframe(ssrc);
        }
    }

    private void retransmit(Conference conference, Packet packet, Rtcp.Block block) {
        Source source = conference.source(Rtcp.mediaSsrc(packet, block));
        if (source == null || source.owner() == endpoint || !endpoint.receives(source.ssrc())) {
            return;
        }
        Rtcp.nackedSequences(packet, block, seq -> {
            Packet cached = source.cache().get(seq);
            if (cached != null) {
                endpoint.enqueue(cached.copy(), false);
            }
        });
    }

    private void forwardSenderReport(Conference conference, Packet packet, Rtcp.Block block) {
        if (block.length() < 28) {
            return;
        }
        Source source = endpoint.uplink(packet.u32(block.offset() + 4));
        if (source == null) {
            return;
        }
        Packet sr = Packet.copyOf(packet.buffer(), packet.offset() + block.offset(), 28);
        sr.setByte(0, 0x80);
        sr.putU16(2, 6);
        conference.forwardRtcp(source, sr);
    }
}
