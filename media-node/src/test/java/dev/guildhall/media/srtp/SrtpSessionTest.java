package dev.guildhall.media.srtp;

import dev.guildhall.media.dtls.SrtpKeys;
import dev.guildhall.media.dtls.SrtpProfile;
import dev.guildhall.media.rtp.Packet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Both profiles, both directions, across the 16-bit sequence number wrap (the rollover counter). */
class SrtpSessionTest {

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectsAcrossTheSequenceRolloverAndRejectsTampering(SrtpProfile profile) {
        byte[] material = new byte[SrtpKeys.exporterLength(profile)];
        new SecureRandom().nextBytes(material);
        SrtpKeys keys = SrtpKeys.fromExporter(profile, material);
        SrtpSession node = new SrtpSession(keys, true);
        SrtpSession client = new SrtpSession(keys, false);

        for (int i = 0; i < 40; i++) {
            int seq = (65520 + i) & 0xFFFF;
            Packet p = rtp(0xCAFEL, seq, i);
            byte[] plain = p.toByteArray();
            assertThat(client.encryptRtp(p)).isTrue();
            assertThat(p.toByteArray()).isNotEqualTo(plain);
            assertThat(node.decryptRtp(p)).as("seq %d", seq).isTrue();
            assertThat(p.toByteArray()).isEqualTo(plain);
        }

        Packet tampered = rtp(0xCAFEL, 100, 1);
        assertThat(node.encryptRtp(tampered)).isTrue();
        tampered.setByte(14, tampered.byteAt(14) ^ 1);
        assertThat(client.decryptRtp(tampered)).isFalse();

        Packet replay = rtp(0xBEEFL, 7, 1);
        assertThat(node.encryptRtp(replay)).isTrue();
        Packet copy = replay.copy();
        assertThat(client.decryptRtp(replay)).isTrue();
        assertThat(client.decryptRtp(copy)).as("replayed").isFalse();
    }

    private static Packet rtp(long ssrc, int seq, int marker) {
        byte[] b = new byte[12 + 20 + Packet.TRAILER_ROOM];
        Packet p = new Packet(b, 0, 32);
        p.setByte(0, 0x80);
        p.setByte(1, 111);
        p.putU16(2, seq);
        p.putU32(4, seq * 960L);
        p.putU32(8, ssrc);
        for (int i = 12; i < 32; i++) {
            p.setByte(i, i + marker);
        }
        return p;
    }
}
