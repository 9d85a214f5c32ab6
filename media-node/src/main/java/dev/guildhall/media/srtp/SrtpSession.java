package dev.guildhall.media.srtp;

import dev.guildhall.media.dtls.SrtpKeys;
import dev.guildhall.media.dtls.SrtpProfile;
import dev.guildhall.media.rtp.Packet;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SRTP and SRTCP for one peer, both directions, one crypto context per SSRC (jitsi-srtp keeps the
 * rollover counter and replay window of each). The only class that touches jitsi-srtp.
 */
public final class SrtpSession implements AutoCloseable {

    private final SrtpContextFactory encryptFactory;
    private final SrtpContextFactory decryptFactory;
    private final Map<Long, SrtpCryptoContext> rtpOut = new ConcurrentHashMap<>();
    private final Map<Long, SrtpCryptoContext> rtpIn = new ConcurrentHashMap<>();
    private final Map<Long, SrtcpCryptoContext> rtcpOut = new ConcurrentHashMap<>();
    private final Map<Long, SrtcpCryptoContext> rtcpIn = new ConcurrentHashMap<>();

    public SrtpSession(SrtpKeys keys, boolean isServer) {
        SrtpPolicy rtp = policy(keys.profile());
        SrtpPolicy rtcp = policy(keys.profile());
        LoggerImpl logger = new LoggerImpl(SrtpSession.class.getName());
        this.encryptFactory = new SrtpContextFactory(true, keys.localKey(isServer), keys.localSalt(isServer),
                rtp, rtcp, logger);
        this.decryptFactory = new SrtpContextFactory(false, keys.remoteKey(isServer), keys.remoteSalt(isServer),
                policy(keys.profile()), policy(keys.profile()), logger);
    }

    /**
     * Runs each profile once. jitsi-srtp benchmarks its AES providers (OpenSSL, SunJCE, BouncyCastle) on
     * first use, which takes seconds on a busy machine; doing it at start keeps it off the first
     * endpoint's packet path.
     */
    public static void warmUp() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpKeys keys = SrtpKeys.fromExporter(profile, new byte[SrtpKeys.exporterLength(profile)]);
            try (SrtpSession sender = new SrtpSession(keys, true); SrtpSession receiver = new SrtpSession(keys, false)) {
                byte[] rtp = new byte[12 + 20 + Packet.TRAILER_ROOM];
                rtp[0] = (byte) 0x80;
                Packet packet = new Packet(rtp, 0, 32);
                sender.encryptRtp(packet);
                receiver.decryptRtp(packet);
            }
        }
    }

    static SrtpPolicy policy(SrtpProfile profile) {
        return switch (profile) {
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16,
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
        };
    }

    /** Encrypts an RTP packet in place; false if it could not be protected. */
    public boolean encryptRtp(Packet packet) {
        try {
            SrtpCryptoContext context = rtpOut.computeIfAbsent(ssrc(packet, 8), s -> derive(encryptFactory, s));
            return context.transformPacket(new PacketBuffer(packet)) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Decrypts and authenticates an SRTP packet in place; false means drop it. */
    public boolean decryptRtp(Packet packet) {
        try {
            SrtpCryptoContext context = rtpIn.computeIfAbsent(ssrc(packet, 8), s -> derive(decryptFactory, s));
            return context.reverseTransformPacket(new PacketBuffer(packet), false) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    public boolean encryptRtcp(Packet packet) {
        try {
            SrtcpCryptoContext context = rtcpOut.computeIfAbsent(ssrc(packet, 4), s -> deriveControl(encryptFactory, s));
            return context.transformPacket(new PacketBuffer(packet)) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    public boolean decryptRtcp(Packet packet) {
        try {
            SrtcpCryptoContext context = rtcpIn.computeIfAbsent(ssrc(packet, 4), s -> deriveControl(decryptFactory, s));
            return context.reverseTransformPacket(new PacketBuffer(packet)) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static long ssrc(Packet packet, int at) {
        if (packet.length() < at + 4) {
            throw new IllegalArgumentException("too short");
        }
        return packet.u32(at);
    }

    private static SrtpCryptoContext derive(SrtpContextFactory factory, long ssrc) {
        try {
            return factory.deriveContext((int) ssrc, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SrtcpCryptoContext deriveControl(SrtpContextFactory factory, long ssrc) {
        try {
            return factory.deriveControlContext((int) ssrc);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        encryptFactory.close();
        decryptFactory.close();
    }
}
