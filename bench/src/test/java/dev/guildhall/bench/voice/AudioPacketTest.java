package dev.guildhall.bench.voice;

import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.Rtp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AudioPacketTest {

    @Test
    void anOpusPacketCarriesTheAudioLevelAndAStampTheReceiverReadsBack() {
        long sent = 123_456_789_012_345L;
        Packet p = AudioPacket.encode(0x10007L, 7, 70_000, sent, 25, true, 80);

        assertThat(p.length()).isEqualTo(AudioPacket.HEADER + 80);
        assertThat(p.buffer().length - p.length()).as("room for the SRTP tag").isEqualTo(Packet.TRAILER_ROOM);
        assertThat(Rtp.payloadType(p)).isEqualTo(111);
        assertThat(Rtp.ssrc(p)).isEqualTo(0x10007L);
        assertThat(Rtp.sequence(p)).as("16 bits on the wire").isEqualTo(70_000 & 0xFFFF);
        assertThat(Rtp.timestamp(p)).isEqualTo(70_000L * 960);
        assertThat(Rtp.audioLevel(p, 1)).isEqualTo(25);
        assertThat(p.byteAt(17) & 0x80).as("voice activity").isEqualTo(0x80);

        AudioPacket.Stamp stamp = AudioPacket.decode(p);
        assertThat(stamp).isEqualTo(new AudioPacket.Stamp(7, 70_000, sent));
    }

    @Test
    void silenceHasNoVoiceFlagAndTheSmallestPayloadStillHoldsTheStamp() {
        Packet p = AudioPacket.encode(1, 0, 0, 1, 127, false, 1);
        assertThat(p.length()).isEqualTo(AudioPacket.HEADER + AudioPacket.STAMP);
        assertThat(Rtp.audioLevel(p, 1)).isEqualTo(127);
        assertThat(p.byteAt(17) & 0x80).isZero();
        assertThat(AudioPacket.decode(p)).isEqualTo(new AudioPacket.Stamp(0, 0, 1));
    }

    @Test
    void somebodyElsesPacketHasNoStamp() {
        Packet p = AudioPacket.encode(1, 2, 3, 4, 50, true, 40);
        p.putU32(AudioPacket.HEADER, 0xCAFEBABEL);
        assertThat(AudioPacket.decode(p)).isNull();
        Packet video = AudioPacket.encode(1, 2, 3, 4, 50, true, 40);
        video.setByte(1, 96);
        assertThat(AudioPacket.decode(video)).isNull();
    }
}
