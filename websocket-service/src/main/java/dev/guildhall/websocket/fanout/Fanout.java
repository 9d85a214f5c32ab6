package dev.guildhall.websocket.fanout;

import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.protocol.FrameCodec;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.SessionRegistry;
import tools.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Delivers a dispatch to the local sessions of its audience. The payload is encoded once, by
 * {@link #frame}, before delivery (an event from Kafka is not encoded at all: its {@code data} is forwarded
 * as the producer wrote it); each recipient only adds its own {@code s}.
 */
public final class Fanout {

    private final SessionRegistry sessions;
    private final RecentDispatches recent;
    private final FrameCodec codec;
    private final WebsocketMetrics metrics;

    public Fanout(SessionRegistry sessions, RecentDispatches recent, FrameCodec codec, WebsocketMetrics metrics) {
        this.sessions = sessions;
        this.recent = recent;
        this.codec = codec;
        this.metrics = metrics;
    }

    /** Encodes {@code d} once; the frame is then shared by every recipient. */
    public DispatchFrame frame(String type, String ref, JsonNode d) {
        metrics.payloadEncoded();
        return DispatchFrame.of(type, ref, codec.encode(d));
    }

    /**
     * An event's dispatch: {@code d} is the producer's JSON as it came from Kafka, not parsed and re-encoded
     * here (ADR 131).
     */
    public DispatchFrame frame(InboundEvent event) {
        metrics.payloadEncoded();
        return DispatchFrame.of(event.type(), event.eventId(), event.dataJson());
    }

    /** @return how many sessions took the frame */
    public int deliver(DispatchFrame frame, Audience audience) {
        recent.add(frame, audience);
        int delivered = 0;
        for (GatewaySession session : audience.candidates(sessions)) {
            if (audience.includes(session) && session.dispatch(frame)) {
                delivered++;
                metrics.dispatched();
            }
        }
        return delivered;
    }

    /** A payload meant for one session only (e.g. its SERVER_CREATE with the channels it may see). */
    public boolean deliverTo(GatewaySession session, DispatchFrame frame) {
        recent.add(frame, Audiences.sessions(Set.of(session.id())));
        boolean taken = session.dispatch(frame);
        if (taken) {
            metrics.dispatched();
        }
        return taken;
    }

    public SessionRegistry sessions() {
        return sessions;
    }
}
