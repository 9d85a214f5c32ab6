package dev.guildhall.media.conference;

import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.ReceiveStatistics;
import dev.guildhall.media.rtp.Rtcp;
import dev.guildhall.media.rtp.SendQueue;
import dev.guildhall.media.sdp.Downlink;
import dev.guildhall.media.sdp.IceCandidate;
import dev.guildhall.media.sdp.MediaKind;
import dev.guildhall.media.sdp.OfferBuilder;
import dev.guildhall.media.sdp.SdpAnswer;
import dev.guildhall.media.transport.EndpointTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One participant's seat in a conference: allocated by the control API, then bound to one signalling
 * connection and its PeerConnection (transport, negotiation, send queue). A new signalling connection
 * for the same endpoint replaces the old one.
 */
public final class Endpoint implements EndpointTransport.Listener {

    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

    private final String id;
    private final String userId;
    private final Conference conference;
    private final MediaEngine engine;
    private final long nodeSsrc = ThreadLocalRandom.current().nextLong(1, 0xFFFFFFFFL);
    private volatile Permissions permissions;
    private final Map<MediaKind, Source> uplinks = new EnumMap<>(MediaKind.class);
    private final Map<Long, Source> uplinksBySsrc = new java.util.concurrent.ConcurrentHashMap<>();
    // the connection: replaced as a whole by attach(), written under this; the packet threads read the
    // volatile fields without locking
    private volatile SignalChannel signal;
    private volatile EndpointTransport transport;
    private volatile SendQueue queue;
    private volatile Negotiation negotiation;
    private volatile ReceiveStatistics stats;
    private boolean transportStarted;

    Endpoint(String id, String userId, Permissions permissions, Conference conference, MediaEngine engine) {
        this.id = id;
        this.userId = userId;
        this.permissions = permissions;
        this.conference = conference;
        this.engine = engine;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public Conference conference() {
        return conference;
    }

    public Permissions permissions() {
        return permissions;
    }

    /** Takes effect with the next packet: a server-muted endpoint's audio is no longer forwarded. */
    public void setPermissions(Permissions permissions) {
        this.permissions = permissions;
        if (!permissions.speak()) {
            conference.speakers().remove(userId);
        }
    }

    public boolean connected() {
        EndpointTransport t = transport;
        return t != null && t.isConnected();
    }

    public boolean hasSignal() {
        return signal != null;
    }

    /** Binds a signalling connection: a new PeerConnection, {@code ready}, then the first offer. */
    public void attach(SignalChannel channel) {
        SignalChannel replaced;
        Runnable cleanup = null;
        synchronized (this) {
            replaced = signal;
            if (replaced != null) {
                cleanup = teardown();
            }
            signal = channel;
            String name = conference.id() + "/" + id;
            EndpointTransport t = engine.newTransport(name, this);
            stats = new ReceiveStatistics(new UplinkRouter(this));
            t.setPipelines(new EndpointTransport.Pipelines(stats, new RtcpTerminator(this)));
            SendQueue.Sink sink = engine.sink(this, t);
            NodeCounters counters = conference.counters();
            queue = engine.newSendQueue(name, (packet, rtcp) -> {
                sink.send(packet, rtcp);
                counters.countSent(packet);
            });
            negotiation = new Negotiation(new OfferBuilder(Long.toString(nodeSsrc), t.iceUfrag(), t.icePassword(),
                    engine.fingerprint(), t.localCandidates()));
            transport = t;
            transportStarted = false;
        }
        // never call out while holding this endpoint's lock: other endpoints' threads do the same (deadlock)
        if (replaced != null) {
            replaced.close(SignalCloseCodes.REPLACED, "replaced by a new connection");
        }
        if (cleanup != null) {
            cleanup.run();
        }
        channel.send("ready", Map.of("session_id", id, "user_id", userId));
        renegotiate(false);
        // speaking frames are changes: a newcomer learns who already speaks (and who dominates) here
        conference.speakers().replay(
                (user, speaking) -> channel.send("speaking", Map.of("user_id", user, "speaking", speaking)),
                user -> channel.send("dominant_speaker", Map.of("user_id", user)));
    }

    /** The connection went away: its media goes with it; the seat stays allocated until expired. */
    public void detach(SignalChannel channel) {
        Runnable cleanup;
        synchronized (this) {
            if (signal != channel) {
                return;
            }
            signal = null;
            cleanup = teardown();
        }
        cleanup.run();
        conference.sourcesChanged();
    }

    /** Expired by the control API: close the connection and free everything. */
    void expire(int code, String reason) {
        SignalChannel s;
        Runnable cleanup;
        synchronized (this) {
            s = signal;
            signal = null;
            cleanup = teardown();
        }
        cleanup.run();
        if (s != null) {
            s.close(code, reason);
        }
    }

    /** Tells the client to move (drain or relocation), then lets the seat go. */
    public void sendReconnect(String endpointUrl, String voiceToken) {
        SignalChannel s = signal;
        if (s != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("endpoint", endpointUrl);
            d.put("voice_token", voiceToken);
            s.send("reconnect", d);
        }
    }

    /** Drops the connection's state; the caller holds this lock and runs the returned cleanup after releasing it. */
    private Runnable teardown() {
        EndpointTransport t = transport;
        SendQueue q = queue;
        transport = null;
        queue = null;
        negotiation = null;
        stats = null;
        synchronized (uplinks) {
            uplinks.clear();
            uplinksBySsrc.clear();
        }
        return () -> {
            if (t != null) {
                t.close();
            }
            if (q != null) {
                q.close();
            }
            conference.speakers().remove(userId);
        };
    }

    /** The client's answer to our last offer. */
    public void onAnswer(SignalChannel channel, String sdp) {
        SdpAnswer answer = SdpAnswer.parse(sdp);
        Negotiation.Answered answered;
        boolean sourcesChanged = false;
        synchronized (this) {
            if (channel != signal || negotiation == null || !negotiation.awaitingAnswer()) {
                throw new IllegalStateException("no offer is waiting for an answer");
            }
            if (!"active".equals(answer.setup())) {
                throw new IllegalArgumentException("the node is the DTLS server: answer a=setup:active");
            }
            if (!transportStarted) {
                transportStarted = true;
                transport.connect(answer.iceUfrag(), answer.icePwd(), answer.candidates(), answer.fingerprintHash(),
                        answer.fingerprint());
            } else {
                answer.candidates().forEach(transport::addRemoteCandidate);
            }
            for (MediaKind kind : MediaKind.values()) {
                SdpAnswer.Media media = answer.media().get(kind.uplinkMid());
                Long ssrc = media != null && media.clientSends() ? media.primarySsrc() : null;
                sourcesChanged |= setUplink(kind, ssrc);
            }
            answered = negotiation.answered(answer);
        }
        if (sourcesChanged) {
            conference.sourcesChanged();
        }
        if (answered.reofferDue()) {
            renegotiate(true);
        }
        requestKeyframes(answered.started());
    }

    public void onCandidate(SignalChannel channel, String candidate) {
        EndpointTransport t;
        synchronized (this) {
            t = channel == signal ? transport : null;
        }
        IceCandidate c = IceCandidate.parse(candidate);
        if (t != null && c != null) {
            t.addRemoteCandidate(c);
        }
    }

    /** Sends {@code sources} then a new offer, if the downlinks changed or no offer was made yet. */
    void renegotiate() {
        renegotiate(false);
    }

    /** @param due a change was held back while an offer was outstanding: offer now even if sync finds nothing new */
    private void renegotiate(boolean due) {
        SignalChannel s;
        String sdp;
        List<Map<String, String>> sources = new ArrayList<>();
        synchronized (this) {
            if (signal == null || negotiation == null) {
                return;
            }
            boolean changed = negotiation.sync(conference.sourcesExcept(this));
            boolean first = !transportStarted && !negotiation.awaitingAnswer();
            if (!changed && !first && !due) {
                return;
            }
            sdp = negotiation.offer();
            if (sdp == null) {
                return;
            }
            for (Downlink d : negotiation.downlinks()) {
                if (d.active()) {
                    sources.add(Map.of("mid", d.mid(), "user_id", d.userId(), "kind", d.kind().wireName()));
                }
            }
            s = signal;
        }
        s.send("sources", sources);
        s.send("offer", Map.of("sdp", sdp));
    }

    /** Sets (or clears, with null) the uplink SSRC of one kind; true if the conference's sources changed. */
    private boolean setUplink(MediaKind kind, Long ssrc) {
        synchronized (uplinks) {
            Source current = uplinks.get(kind);
            if (current != null && ssrc != null && current.ssrc() == ssrc) {
                return false;
            }
            if (current == null && ssrc == null) {
                return false;
            }
            if (current != null) {
                uplinks.remove(kind);
                uplinksBySsrc.remove(current.ssrc());
            }
            if (ssrc != null) {
                Source source = new Source(this, kind, ssrc);
                uplinks.put(kind, source);
                uplinksBySsrc.put(ssrc, source);
            }
            return true;
        }
    }

    /** An SSRC first seen in media (its MID header extension names the uplink). */
    Source declareUplink(MediaKind kind, long ssrc) {
        if (setUplink(kind, ssrc)) {
            conference.sourcesChanged();
        }
        return uplinksBySsrc.get(ssrc);
    }

    Source uplink(long ssrc) {
        return uplinksBySsrc.get(ssrc);
    }

    List<Source> uplinks() {
        synchronized (uplinks) {
            return List.copyOf(uplinks.values());
        }
    }

    /** True if {@code ssrc} is forwarded here: this endpoint's client answered an offer with it active. */
    boolean receives(long ssrc) {
        Negotiation n = negotiation;
        return n != null && n.sends(ssrc);
    }

    /** Queues a packet towards this endpoint; never blocks. */
    boolean enqueue(Packet packet, boolean rtcp) {
        SendQueue q = queue;
        return q != null && q.offer(packet, rtcp);
    }

    /** Receiver reports for what this endpoint sends us, and a REMB that lets it ramp up. */
    void sendReports() {
        ReceiveStatistics s = stats;
        if (s == null || !connected()) {
            return;
        }
        ReceiveStatistics.Snapshot snapshot = s.snapshot();
        if (snapshot.reports().isEmpty()) {
            return;
        }
        Packet rr = Rtcp.receiverReport(nodeSsrc, snapshot.reports());
        long estimate = Math.min(engine.maxBitrate(), Math.max(engine.minBitrate(), snapshot.bitrate() * 3 / 2));
        Packet remb = Rtcp.remb(nodeSsrc, estimate, s.ssrcs());
        Packet compound = Packet.copyOf(rr.buffer(), rr.offset(), rr.length());
        compound.grow(remb.length());
        System.arraycopy(remb.buffer(), remb.offset(), compound.buffer(), compound.offset() + compound.length(),
                remb.length());
        compound.setLength(rr.length() + remb.length());
        enqueue(compound, true);
    }

    void requestKeyframe(Source source) {
        if (source.keyframes().tryAcquire(engine.nanoTime())) {
            enqueue(Rtcp.pli(nodeSsrc, source.ssrc()), true);
        }
    }

    /** Video this endpoint now gets starts with a keyframe rather than waiting for the sender's next one. */
    private void requestKeyframes(List<Downlink> downlinks) {
        for (Downlink d : downlinks) {
            if (d.active() && d.kind() != MediaKind.AUDIO && receives(d.ssrc())) {
                conference.requestKeyframe(d.ssrc());
            }
        }
    }

    /** Sends a frame to this endpoint's client, if connected. */
    void signal(String op, Object data) {
        SignalChannel s = signal;
        if (s != null) {
            s.send(op, data);
        }
    }

    public long packetsReceived() {
        ReceiveStatistics s = stats;
        return s == null ? 0 : s.packets();
    }

    @Override
    public void onTransportConnected() {
        log.info("endpoint {} of conference {} connected", id, conference.id());
        Negotiation n = negotiation;
        if (n != null) {
            requestKeyframes(n.downlinks());
        }
    }

    @Override
    public void onTransportFailed(String reason) {
        log.info("endpoint {} of conference {}: {}", id, conference.id(), reason);
        SignalChannel s = signal;
        if (s != null) {
            s.close(SignalCloseCodes.TRANSPORT_FAILED, reason);
        }
    }
}
