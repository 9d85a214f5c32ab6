package dev.guildhall.media.dtls;

import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.srtp.SrtpSession;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A DTLS server and client wired back to back in memory, as jitsi's DtlsTest does. */
class DtlsTransportTest {

    record Pair(CompletableFuture<SrtpKeys> server, CompletableFuture<SrtpKeys> client) {
    }

    static Pair handshake(DtlsCertificate serverCert, DtlsCertificate clientCert, String fingerprintServerExpects) {
        CompletableFuture<SrtpKeys> serverKeys = new CompletableFuture<>();
        CompletableFuture<SrtpKeys> clientKeys = new CompletableFuture<>();
        AtomicReference<DtlsTransport> serverRef = new AtomicReference<>();
        AtomicReference<DtlsTransport> clientRef = new AtomicReference<>();
        DtlsTransport server = DtlsTransport.server(serverCert, (b, o, l) -> clientRef.get().receive(b, o, l),
                handler(serverKeys), "server");
        DtlsTransport client = DtlsTransport.client(clientCert, (b, o, l) -> serverRef.get().receive(b, o, l),
                handler(clientKeys), "client");
        serverRef.set(server);
        clientRef.set(client);
        server.setRemoteFingerprint("sha-256", fingerprintServerExpects);
        client.setRemoteFingerprint("sha-256", serverCert.fingerprint());
        server.start();
        client.start();
        return new Pair(serverKeys, clientKeys);
    }

    private static DtlsTransport.Handler handler(CompletableFuture<SrtpKeys> keys) {
        return new DtlsTransport.Handler() {
            @Override
            public void onConnected(SrtpKeys k) {
                keys.complete(k);
            }

            @Override
            public void onFailed(Exception cause) {
                keys.completeExceptionally(cause);
            }
        };
    }

    @Test
    void bothSidesDeriveTheSameSrtpKeysAndPreferGcm() throws Exception {
        DtlsCertificate serverCert = DtlsCertificate.generate();
        DtlsCertificate clientCert = DtlsCertificate.generate();
        Pair pair = handshake(serverCert, clientCert, clientCert.fingerprint());
        SrtpKeys server = pair.server().get(10, TimeUnit.SECONDS);
        SrtpKeys client = pair.client().get(10, TimeUnit.SECONDS);

        assertThat(server.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(client.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(server.clientKey()).isEqualTo(client.clientKey()).hasSize(16);
        assertThat(server.serverSalt()).isEqualTo(client.serverSalt()).hasSize(12);
        assertThat(server.clientKey()).isNotEqualTo(server.serverKey());

        // what the server encrypts, the client decrypts; RTP and RTCP
        SrtpSession serverSrtp = new SrtpSession(server, true);
        SrtpSession clientSrtp = new SrtpSession(client, false);
        Packet rtp = RtpSamples.rtp(0x11223344L, 7, 111, new byte[] {1, 2, 3, 4, 5});
        byte[] plain = rtp.toByteArray();
        assertThat(serverSrtp.encryptRtp(rtp)).isTrue();
        assertThat(rtp.length()).isEqualTo(plain.length + 16);
        assertThat(clientSrtp.decryptRtp(rtp)).isTrue();
        assertThat(rtp.toByteArray()).isEqualTo(plain);

        Packet rtcp = RtpSamples.pli(0x01020304L, 0x11223344L);
        byte[] plainRtcp = rtcp.toByteArray();
        assertThat(clientSrtp.encryptRtcp(rtcp)).isTrue();
        assertThat(serverSrtp.decryptRtcp(rtcp)).isTrue();
        assertThat(rtcp.toByteArray()).isEqualTo(plainRtcp);
    }

    @Test
    void aClientCertificateThatDoesNotMatchTheSdpFingerprintIsRefused() {
        DtlsCertificate serverCert = DtlsCertificate.generate();
        DtlsCertificate clientCert = DtlsCertificate.generate();
        String someoneElse = DtlsCertificate.generate().fingerprint();
        Pair pair = handshake(serverCert, clientCert, someoneElse);
        assertThatThrownBy(() -> pair.server().get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(
                org.bouncycastle.tls.TlsFatalAlert.class);
    }

    @Test
    void exporterOutputIsSplitClientKeyServerKeyClientSaltServerSalt() {
        byte[] material = new byte[2 * (16 + 14)];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }
        SrtpKeys keys = SrtpKeys.fromExporter(SrtpProfile.AES_CM_128_HMAC_SHA1_80, material);
        assertThat(keys.clientKey()[0]).isEqualTo((byte) 0);
        assertThat(keys.serverKey()[0]).isEqualTo((byte) 16);
        assertThat(keys.clientSalt()[0]).isEqualTo((byte) 32);
        assertThat(keys.serverSalt()[0]).isEqualTo((byte) 46);
        assertThat(keys.localKey(true)).isEqualTo(keys.serverKey());
        assertThat(keys.remoteKey(true)).isEqualTo(keys.clientKey());
    }

    @Test
    void profilePreferenceIsGcmThenCm() {
        assertThat(SrtpProfile.choose(new int[] {1, 7})).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(SrtpProfile.choose(new int[] {1})).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(SrtpProfile.choose(new int[] {2})).isNull();
    }

    @Test
    void fingerprintIsUpperCaseColonHexOfSha256() {
        DtlsCertificate cert = DtlsCertificate.generate();
        assertThat(cert.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(DtlsCertificate.matches("SHA-256", cert.fingerprint().toLowerCase(), cert.encoded())).isTrue();
        assertThat(DtlsCertificate.matches("sha-1", cert.fingerprint(), cert.encoded())).isFalse();
    }
}
