package dev.guildhall.media.conference;

import dev.guildhall.media.rtp.Packet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A voice channel's conference on this node: its endpoints, their sources, and who is speaking. */
public final class Conference {

    private final String id;
    private final String channelId;
    private final String serverId;
    private final MediaEngine engine;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final SpeakerDetector speakers;
    private final NodeCounters counters;

    Conference(String id, String channelId, String serverId, MediaEngine engine, NodeCounters counters) {
        this.id = id;
        this.channelId = channelId;
        this.serverId = serverId;
        this.engine = engine;
        this.counters = counters;
        this.speakers = new SpeakerDetector(
                (user, speaking) -> broadcast("speaking", Map.of("user_id", user, "speaking", speaking)),
                user -> broadcast("dominant_speaker", Map.of("user_id", user)));
    }

    public String id() {
        return id;
    }

    public String channelId() {
        return channelId;
    }

    public String serverId() {
        return serverId;
    }

    public Endpoint endpoint(String endpointId) {
        return endpoints.get(endpointId);
    }

    public Collection<Endpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    /** Allocates the endpoint, or updates the permissions of an existing one. */
    public Endpoint allocate(String endpointId, String userId, Permissions permissions) {
        Endpoint existing = endpoints.get(endpointId);
        if (existing != null) {
            if (permissions != null) {
                existing.setPermissions(permissions);
            }
            return existing;
        }
        return endpoints.computeIfAbsent(endpointId, e -> new Endpoint(endpointId, userId,
                permissions == null ? Permissions.ALL : permissions, this, engine));
    }

    public boolean expire(String endpointId) {
        Endpoint endpoint = endpoints.remove(endpointId);
        if (endpoint == null) {
            return false;
        }
        endpoint.expire(SignalCloseCodes.EXPIRED, "endpoint expired");
        sourcesChanged();
        return true;
    }

    void expireAll() {
        for (Endpoint endpoint : endpoints()) {
            endpoints.remove(endpoint.id());
            endpoint.expire(SignalCloseCodes.EXPIRED, "conference expired");
        }
    }

    public SpeakerDetector speakers() {
        return speakers;
    }

    List<Source> sourcesExcept(Endpoint receiver) {
        List<Source> sources = new ArrayList<>();
        for (Endpoint e : endpoints.values()) {
            if (e != receiver) {
                sources.addAll(e.uplinks());
            }
        }
        return sources;
    }

    Source source(long ssrc) {
        for (Endpoint e : endpoints.values()) {
            Source s = e.uplink(ssrc);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** Someone's sources changed: every endpoint re-offers if its downlinks differ. */
    void sourcesChanged() {
        endpoints.values().forEach(Endpoint::renegotiate);
    }

    void countPacket() {
        counters.countReceived();
    }

    NodeCounters counters() {
        return counters;
    }

    /**
     * Decrypted once on arrival; each receiver gets its own copy to encrypt, stamped with the arrival
     * time so the send queue can time the forward ({@link NodeCounters#countSent}).
     */
    void forward(Source source, Packet packet) {
        for (Endpoint receiver : endpoints.values()) {
            if (receiver != source.owner() && receiver.receives(source.ssrc())) {
                Packet copy = packet.copy();
                copy.setReceivedNanos(packet.receivedNanos());
                counters.countForwarded(receiver.enqueue(copy, false));
            }
        }
    }

    void forwardRtcp(Source source, Packet packet) {
        for (Endpoint receiver : endpoints.values()) {
            if (receiver != source.owner() && receiver.receives(source.ssrc())) {
                receiver.enqueue(packet.copy(), true);
            }
        }
    }

    /** A receiver lost a frame of {@code ssrc}: ask its owner for a keyframe (throttled per source). */
    void requestKeyframe(long ssrc) {
        Source source = source(ssrc);
        if (source != null) {
            source.owner().requestKeyframe(source);
        }
    }

    void broadcast(String op, Object data) {
        for (Endpoint e : endpoints.values()) {
            e.signal(op, data);
        }
    }

    void tickSpeakers() {
        speakers.tick(System.nanoTime());
    }

    void sendReports() {
        endpoints.values().forEach(Endpoint::sendReports);
    }
}
