package dev.guildhall.media.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DTLS 1.2 with {@code use_srtp} over whatever carries datagrams (ICE in the node, a queue in tests).
 * The only class that touches BouncyCastle's TLS API. The node is always the server; the client role
 * exists for the Java test client. The peer's certificate must match the fingerprint from its SDP.
 */
public final class DtlsTransport {

    /** Where the transport reports its outcome. */
    public interface Handler {
        void onConnected(SrtpKeys keys);

        void onFailed(Exception cause);
    }

    /** Sends one DTLS record datagram towards the peer. */
    public interface Sender {
        void send(byte[] buf, int off, int len) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(DtlsTransport.class);
    private static final int MTU = 1200;
    private static final long FINGERPRINT_WAIT_MS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] CIPHER_SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    private final boolean server;
    private final DtlsCertificate certificate;
    private final Sender sender;
    private final Handler handler;
    private final String name;
    private final BlockingQueue<byte[]> incoming = new ArrayBlockingQueue<>(64);
    private final CompletableFuture<String[]> remoteFingerprint = new CompletableFuture<>();
    private final BcTlsCrypto crypto = new BcTlsCrypto(RANDOM);
    private volatile boolean closed;
    private volatile DTLSTransport transport;
    private Thread thread;

    private DtlsTransport(boolean server, DtlsCertificate certificate, Sender sender, Handler handler, String name) {
        this.server = server;
        this.certificate = certificate;
        this.sender = sender;
        this.handler = handler;
        this.name = name;
    }

    public static DtlsTransport server(DtlsCertificate certificate, Sender sender, Handler handler, String name) {
        return new DtlsTransport(true, certificate, sender, handler, name);
    }

    public static DtlsTransport client(DtlsCertificate certificate, Sender sender, Handler handler, String name) {
        return new DtlsTransport(false, certificate, sender, handler, name);
    }

    /** The peer's {@code a=fingerprint} (hash function and value); the handshake waits for it. */
    public void setRemoteFingerprint(String hashFunction, String fingerprint) {
        remoteFingerprint.complete(new String[] {hashFunction, fingerprint});
    }

    public boolean isServer() {
        return server;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "dtls-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands an incoming DTLS datagram to the handshake; drops it if the handshake is not keeping up. */
    public void receive(byte[] buf, int off, int len) {
        if (!closed) {
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            incoming.offer(copy);
        }
    }

    public void close() {
        closed = true;
        DTLSTransport t = transport;
        if (t != null) {
            try {
                t.close();
            } catch (IOException | RuntimeException ignored) {
                // the peer may already be gone
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        Datagrams datagrams = new Datagrams();
        long begun = System.nanoTime();
        log.debug("DTLS {} {} started", server ? "server" : "client", name);
        try {
            if (server) {
                Server peer = new Server();
                transport = new DTLSServerProtocol().accept(peer, datagrams);
            } else {
                Client peer = new Client();
                transport = new DTLSClientProtocol().connect(peer, datagrams);
            }
        } catch (Exception e) {
            if (!closed) {
                log.info("DTLS handshake of {} failed: {}", name, e.toString());
                handler.onFailed(e);
            }
            return;
        }
        log.debug("DTLS handshake of {} done in {} ms", name, (System.nanoTime() - begun) / 1_000_000);
        // keep reading: retransmitted flights and alerts are handled inside receive()
        byte[] buf = new byte[MTU + 100];
        while (!closed) {
            try {
                int n = transport.receive(buf, 0, buf.length, 1000);
                if (n < 0 && closed) {
                    break;
                }
            } catch (IOException e) {
                if (!closed) {
                    log.debug("DTLS of {} ended: {}", name, e.toString());
                }
                break;
            }
        }
    }

    private SrtpKeys export(TlsContext context, SrtpProfile profile) {
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.exporterLength(profile));
        return SrtpKeys.fromExporter(profile, material);
    }

    private void checkPeer(Certificate peer) throws IOException {
        if (peer == null || peer.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required);
        }
        String[] expected;
        try {
            expected = remoteFingerprint.get(FINGERPRINT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new TlsFatalAlert(AlertDescription.access_denied);
        }
        if (!DtlsCertificate.matches(expected[0], expected[1], peer.getCertificateAt(0).getEncoded())) {
            log.info("DTLS peer of {} presented a certificate that does not match its SDP fingerprint", name);
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
    }

    private TlsCredentialedSigner signer(TlsContext context) throws IOException {
        Certificate chain = new Certificate(new org.bouncycastle.tls.crypto.TlsCertificate[] {
                new BcTlsCertificate(crypto, certificate.encoded())});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(),
                chain, new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    private final class Server extends DefaultTlsServer {
        private SrtpProfile profile;

        Server() {
            super(crypto);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return CIPHER_SUITES.clone();
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            return signer(context);
        }

        @Override
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
            profile = offered == null ? null : SrtpProfile.choose(offered.getProtectionProfiles());
            if (profile == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure);
            }
        }

        @Override
        public Hashtable getServerExtensions() throws IOException {
            Hashtable extensions = super.getServerExtensions();
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {profile.id()}, new byte[0]));
            return extensions;
        }

        @Override
        public CertificateRequest getCertificateRequest() {
            Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                    algorithms, null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            checkPeer(clientCertificate);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            handler.onConnected(export(context, profile));
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 30_000;
        }
    }

    private final class Client extends DefaultTlsClient {
        Client() {
            super(crypto);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return CIPHER_SUITES.clone();
        }

        @Override
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = super.getClientExtensions();
            int[] profiles = new int[SrtpProfile.values().length];
            for (int i = 0; i < profiles.length; i++) {
                profiles[i] = SrtpProfile.values()[i].id();
            }
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(profiles, new byte[0]));
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    checkPeer(serverCertificate.getCertificate());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return signer(context);
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensionsSeen);
            if (chosen == null || chosen.getProtectionProfiles().length != 1) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure);
            }
            handler.onConnected(export(context, SrtpProfile.byId(chosen.getProtectionProfiles()[0])));
        }

        private Hashtable serverExtensionsSeen = new Hashtable<>();

        @Override
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            serverExtensionsSeen = serverExtensions;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 30_000;
        }
    }

    /** Datagrams in from {@link #receive}, out through the {@link Sender}. */
    private final class Datagrams implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return MTU + 100;
        }

        @Override
        public int getSendLimit() {
            return MTU;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            try {
                byte[] packet = incoming.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (packet == null) {
                    return -1;
                }
                int n = Math.min(len, packet.length);
                System.arraycopy(packet, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            if (!closed) {
                sender.send(buf, off, len);
            }
        }

        @Override
        public void close() {
            // the owner closes the carrier
        }
    }
}
