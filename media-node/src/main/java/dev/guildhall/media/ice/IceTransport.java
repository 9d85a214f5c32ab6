package dev.guildhall.media.ice;

import dev.guildhall.media.sdp.IceCandidate;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ICE agent with one component (BUNDLE and rtcp-mux: everything on one 5-tuple). The only class
 * that touches ice4j. Consent freshness (RFC 7675) is ice4j's: it keeps answering the peer's
 * binding requests and, controlling, checks consent itself.
 */
public final class IceTransport {

    /** What the transport reports. */
    public interface Handler {
        void onIceConnected();

        void onIceFailed();

        /** A non-STUN datagram (DTLS, SRTP, SRTCP). Called on the transport's read thread. */
        void onData(byte[] buf, int off, int len);
    }

    private static final Logger log = LoggerFactory.getLogger(IceTransport.class);
    private static final int READ_BUFFER = 1500;

    static {
        IceHarvesters.defaults();
    }

    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final Handler handler;
    private final String name;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean connected = new AtomicBoolean();
    private volatile boolean closed;
    private volatile long startedNanos;
    /** What is sent before the agent selected a pair waits here (the DTLS server's first flight, typically). */
    private final HeldDatagrams outgoing;
    private Thread reader;
    /** Candidates trickled before the answer (browsers send them as soon as they set their answer). */
    private final List<IceCandidate> early = new ArrayList<>();

    /** An agent on the node's shared port. */
    public IceTransport(IceHarvesters harvesters, String name, boolean controlling, Handler handler) throws IOException {
        this(harvesters.forAgent(), false, name, controlling, handler);
    }

    /** An agent that gathers host candidates on ephemeral ports (the Java test client). */
    public static IceTransport withHostCandidates(String name, boolean controlling, Handler handler) throws IOException {
        return new IceTransport(List.of(), true, name, controlling, handler);
    }

    private IceTransport(List<CandidateHarvester> harvesters, boolean dynamicPorts, String name, boolean controlling,
                         Handler handler) throws IOException {
        this.handler = handler;
        this.name = name;
        this.agent = new Agent();
        agent.setControlling(controlling);
        agent.setUseDynamicPorts(dynamicPorts);
        agent.setTrickling(false);
        agent.setPerformConsentFreshness(true);
        harvesters.forEach(agent::addCandidateHarvester);
        agent.addStateChangeListener(this::onStateChange);
        stream = agent.createMediaStream("media");
        if (dynamicPorts) {
            int preferred = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(20000);
            component = agent.createComponent(stream, preferred, 20000, 60000, KeepAliveStrategy.SELECTED_AND_TCP, true);
        } else {
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_AND_TCP, true);
        }
        outgoing = new HeldDatagrams(component::send);
    }

    public String localUfrag() {
        return agent.getLocalUfrag();
    }

    public String localPassword() {
        return agent.getLocalPassword();
    }

    /** Host candidates (and the mapped public one, if any), as SDP candidates. */
    public List<IceCandidate> localCandidates() {
        List<IceCandidate> out = new ArrayList<>();
        for (LocalCandidate c : component.getLocalCandidates()) {
            TransportAddress a = c.getTransportAddress();
            if (a.getTransport() != Transport.UDP || a.getAddress() instanceof java.net.Inet6Address) {
                continue;
            }
            out.add(new IceCandidate(c.getFoundation(), component.getComponentID(), "udp", c.getPriority(),
                    a.getHostAddress(), a.getPort(), c.getType().toString()));
        }
        return out;
    }

    /** Sets the peer's credentials and candidates and starts connectivity checks (once). */
    public void start(String remoteUfrag, String remotePassword, List<IceCandidate> candidates) {
        if (closed || !started.compareAndSet(false, true)) {
            candidates.forEach(this::addRemoteCandidate);
            return;
        }
        startedNanos = System.nanoTime();
        stream.setRemoteUfrag(remoteUfrag);
        stream.setRemotePassword(remotePassword);
        List<RemoteCandidate> remote = new ArrayList<>();
        List<IceCandidate> all = new ArrayList<>(candidates);
        synchronized (early) {
            early.stream().filter(c -> !all.contains(c)).forEach(all::add);
            early.clear();
        }
        for (IceCandidate c : all) {
            RemoteCandidate rc = toRemote(c, remoteUfrag);
            if (rc != null) {
                remote.add(rc);
            }
        }
        if (!remote.isEmpty()) {
            component.addRemoteCandidates(remote);
        }
        reader = new Thread(this::read, "ice-" + name);
        reader.setDaemon(true);
        reader.start();
        agent.startConnectivityEstablishment();
    }

    /** A trickled candidate; one that comes before {@link #start} waits for it. */
    public void addRemoteCandidate(IceCandidate candidate) {
        if (closed || candidate == null) {
            return;
        }
        if (!started.get()) {
            synchronized (early) {
                if (!started.get()) {
                    if (early.size() < 32) {
                        early.add(candidate);
                    }
                    return;
                }
            }
        }
        RemoteCandidate rc = toRemote(candidate, stream.getRemoteUfrag());
        if (rc != null) {
            component.addUpdateRemoteCandidates(rc);
            component.updateRemoteCandidates();
        }
    }

    private RemoteCandidate toRemote(IceCandidate c, String ufrag) {
        if (c.component() != 1 || c.address().endsWith(".local")) {
            return null; // mDNS names need a resolver; the peer-reflexive path covers those clients
        }
        try {
            TransportAddress address = new TransportAddress(InetAddress.getByName(c.address()), c.port(), Transport.UDP);
            if (address.getAddress() instanceof java.net.Inet6Address) {
                return null;
            }
            return new RemoteCandidate(address, component, CandidateType.parse(c.type()), c.foundation(),
                    c.priority(), null, ufrag);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    public boolean isConnected() {
        return connected.get();
    }

    /**
     * Sends one datagram on the selected pair. Before the agent selected one the datagram is held and
     * sent when it does (a few at most; see {@link HeldDatagrams}); after a failure or close it is dropped.
     */
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            return;
        }
        if (!outgoing.send(buf, off, len)) {
            log.debug("ICE {} +{} ms: dropped a {}-byte datagram ({} so far)", name, sinceStart(), len,
                    outgoing.dropped());
        }
    }

    private void onStateChange(PropertyChangeEvent event) {
        if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())) {
            return;
        }
        IceProcessingState state = (IceProcessingState) event.getNewValue();
        log.debug("ICE {} +{} ms -> {}", name, sinceStart(), state);
        if ((state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED)
                && connected.compareAndSet(false, true)) {
            try {
                int held = outgoing.open();
                if (held > 0) {
                    log.debug("ICE {}: sent {} datagrams held until a pair was selected", name, held);
                }
            } catch (IOException e) {
                log.debug("ICE {}: sending held datagrams failed: {}", name, e.toString());
            }
            handler.onIceConnected();
        } else if (state == IceProcessingState.FAILED && !closed) {
            connected.set(false);
            outgoing.close();
            handler.onIceFailed();
        }
    }

    private void read() {
        byte[] buf = new byte[READ_BUFFER];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        DatagramSocket socket = component.getSocket();
        while (!closed) {
            try {
                packet.setData(buf, 0, buf.length);
                socket.receive(packet);
                if (packet.getLength() > 0) {
                    if (log.isDebugEnabled() && !connected.get()) {
                        log.debug("ICE {} +{} ms: {}-byte datagram (first byte {}) read before ICE connected", name,
                                sinceStart(), packet.getLength(), buf[packet.getOffset()] & 0xff);
                    }
                    handler.onData(packet.getData(), packet.getOffset(), packet.getLength());
                }
            } catch (IOException e) {
                if (!closed) {
                    log.debug("ICE read of {} ended: {}", name, e.toString());
                }
                return;
            } catch (RuntimeException e) {
                log.warn("packet handling of {} failed", name, e);
            }
        }
    }

    private long sinceStart() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        outgoing.close();
        try {
            agent.free();
        } catch (RuntimeException e) {
            log.debug("freeing ICE agent {}: {}", name, e.toString());
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
