package dev.guildhall.media.conference;

import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.PacketNode;
import dev.guildhall.media.rtp.Rtp;
import dev.guildhall.media.sdp.Codecs;
import dev.guildhall.media.sdp.MediaKind;

/**
 * Last node of an endpoint's RTP receive path: finds the packet's source (learning an unannounced
 * SSRC from the MID header extension), enforces the endpoint's permissions, reads the audio level
 * for speaking detection, keeps the packet for retransmission and fans it out.
 */
final class UplinkRouter implements PacketNode {

    private final Endpoint endpoint;

    UplinkRouter(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void accept(Packet packet) {
        Conference conference = endpoint.conference();
        conference.countPacket();
        long ssrc = Rtp.ssrc(packet);
        Source source = endpoint.uplink(ssrc);
        if (source == null) {
            MediaKind kind = MediaKind.ofUplinkMid(Rtp.mid(packet, Codecs.MID_EXT));
            if (kind == null) {
                return;
            }
            source = endpoint.declareUplink(kind, ssrc);
        }
        if (!endpoint.permissions().allows(source.kind())) {
            return;
        }
        if (source.kind() == MediaKind.AUDIO) {
            int level = Rtp.audioLevel(packet, Codecs.AUDIO_LEVEL_EXT);
            if (level >= 0) {
                conference.speakers().level(endpoint.userId(), level, System.nanoTime());
            }
        }
        source.cache().put(packet);
        conference.forward(source, packet);
    }
}
