package dev.guildhall.media.transport;

import dev.guildhall.media.dtls.DtlsCertificate;
import dev.guildhall.media.dtls.DtlsTransport;
import dev.guildhall.media.dtls.SrtpKeys;
import dev.guildhall.media.ice.IceTransport;
import dev.guildhall.media.rtp.Demuxer;
import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.PacketNode;
import dev.guildhall.media.rtp.RtpCheckNode;
import dev.guildhall.media.rtp.SrtpDecryptNode;
import dev.guildhall.media.sdp.IceCandidate;
import dev.guildhall.media.srtp.SrtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * One peer's media transport: ICE → demux → DTLS (handshake) or SRTP/SRTCP decrypt → the given
 * RTP and RTCP pipelines; and the way back: encrypt → ICE. The node side is the DTLS server; the test
 * client uses the same class as the DTLS client.
 */
public final class EndpointTransport implements IceTransport.Handler, DtlsTransport.Handler {

    /** What the owner hears about the transport. */
    public interface Listener {
        void onTransportConnected();

        void onTransportFailed(String reason);
    }

    /** The per-endpoint receive pipelines, built by the owner once the transport exists. */
    public record Pipelines(PacketNode rtp, PacketNode rtcp) {
    }

    private static final Logger log = LoggerFactory.getLogger(EndpointTransport.class);

    private final IceTransport ice;
    private final DtlsTransport dtls;
    private final Listener listener;
    private final String name;
    private volatile SrtpSession srtp;
    private volatile Demuxer demuxer;
    private volatile boolean closed;

    /**
     * @param iceFactory makes the ICE transport given this object as its handler
     */
    public EndpointTransport(String name, Function<IceTransport.Handler, IceTransport> iceFactory,
                             DtlsCertificate certificate, boolean dtlsServer, Listener listener) {
        this.name = name;
        this.listener = listener;
        this.ice = iceFactory.apply(this);
        DtlsTransport.Sender sender = ice::send;
        this.dtls = dtlsServer ? DtlsTransport.server(certificate, sender, this, name)
                : DtlsTransport.client(certificate, sender, this, name);
    }

    /** Wires the receive pipelines; packets before this are dropped. */
    public void setPipelines(Pipelines pipelines) {
        PacketNode rtp = new SrtpDecryptNode(() -> srtp, false, new RtpCheckNode(pipelines.rtp()));
        PacketNode rtcp = new SrtpDecryptNode(() -> srtp, true, pipelines.rtcp());
        this.demuxer = new Demuxer(p -> dtls.receive(p.buffer(), p.offset(), p.length()), rtp, rtcp);
    }

    public String iceUfrag() {
        return ice.localUfrag();
    }

    public String icePassword() {
        return ice.localPassword();
    }

    public List<IceCandidate> localCandidates() {
        return ice.localCandidates();
    }

    /** The peer's ICE credentials, candidates and certificate fingerprint (from its SDP). Starts ICE and DTLS. */
    public void connect(String remoteUfrag, String remotePassword, List<IceCandidate> candidates,
                        String fingerprintHash, String fingerprint) {
        dtls.setRemoteFingerprint(fingerprintHash, fingerprint);
        ice.start(remoteUfrag, remotePassword, candidates);
        if (!dtls.isServer()) {
            return; // the client starts its handshake once ICE is connected
        }
        dtls.start();
    }

    public void addRemoteCandidate(IceCandidate candidate) {
        ice.addRemoteCandidate(candidate);
    }

    public boolean isConnected() {
        return srtp != null;
    }

    /** Encrypts in place and sends. Call from one thread per endpoint (its send queue). */
    public void send(Packet packet, boolean rtcp) {
        SrtpSession s = srtp;
        if (s == null || closed) {
            return;
        }
        boolean ok = rtcp ? s.encryptRtcp(packet) : s.encryptRtp(packet);
        if (ok) {
            try {
                ice.send(packet.buffer(), packet.offset(), packet.length());
            } catch (IOException e) {
                log.debug("send to {} failed: {}", name, e.toString());
            }
        }
    }

    @Override
    public void onIceConnected() {
        log.debug("ICE connected: {}", name);
        if (!dtls.isServer()) {
            dtls.start();
        }
    }

    @Override
    public void onIceFailed() {
        listener.onTransportFailed("ICE failed");
    }

    @Override
    public void onData(byte[] buf, int off, int len) {
        Demuxer d = demuxer;
        if (d != null) {
            d.accept(buf, off, len);
        }
    }

    @Override
    public void onConnected(SrtpKeys keys) {
        srtp = new SrtpSession(keys, dtls.isServer());
        log.info("DTLS-SRTP up for {} ({})", name, keys.profile());
        listener.onTransportConnected();
    }

    @Override
    public void onFailed(Exception cause) {
        listener.onTransportFailed("DTLS failed: " + cause.getMessage());
    }

    public void close() {
        closed = true;
        dtls.close();
        ice.close();
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
    }
}
