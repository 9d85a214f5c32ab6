package dev.guildhall.websocket.fanout;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.protocol.FrameCodec;
import dev.guildhall.websocket.protocol.JsonFields;
import dev.guildhall.websocket.session.Intents;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.SessionRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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

    /**
     * An event's dispatch to its audience, with what a bot's intents allow (ADR 167): an event of a
     * direct-message channel needs the DIRECT_MESSAGE_* family, and a bot without MESSAGE_CONTENT receives a
     * message without its {@code content} (nor {@code embeds}, {@code attachments}, {@code components}) unless
     * it wrote it or is mentioned in it. That second frame is built at most once per event, when the first such
     * bot is met; people and bots with the intent share the producer's frame.
     */
    public int deliver(InboundEvent event, Audience audience) {
        ByIntents view = new ByIntents(event, frame(event));
        recent.add(view.frame, audience, view::forSession);
        int delivered = 0;
        for (GatewaySession session : audience.candidates(sessions)) {
            if (!audience.includes(session)) {
                continue;
            }
            DispatchFrame chosen = view.forSession(session);
            if (chosen != null && session.dispatch(chosen)) {
                delivered++;
                metrics.dispatched();
            }
        }
        if (delivered > 0) {
            // the producer's occurred_at → the last local recipient's frame handed to its connection
            metrics.delivered(event.type(), event.occurredAtMillis());
        }
        return delivered;
    }

    /**
     * One event's frame as each session's intents allow: the producer's, the content-less copy (built once, on
     * first need), or none. Kept with the recent ring, so a RESUME applies the same rule as the live fan-out.
     */
    private final class ByIntents {

        private final InboundEvent event;
        private final DispatchFrame frame;
        private final boolean direct;
        private final boolean carriesContent;
        private volatile DispatchFrame withoutContent;

        ByIntents(InboundEvent event, DispatchFrame frame) {
            this.event = event;
            this.frame = frame;
            this.direct = event.serverId() == 0;
            this.carriesContent = EventTypes.MESSAGE_CREATE.equals(event.type())
                    || EventTypes.MESSAGE_UPDATE.equals(event.type());
        }

        DispatchFrame forSession(GatewaySession session) {
            Intents intents = session.intents();
            if (!intents.bot()) {
                return frame;
            }
            if (!intents.allows(event.type(), direct)) {
                return null;
            }
            if (carriesContent && intents.redactsContent() && !addressedTo(event.data(), session.userId())) {
                DispatchFrame copy = withoutContent;
                if (copy == null) {
                    copy = frame(event.type(), event.eventId() + ":no-content", withoutContent(event.data()));
                    withoutContent = copy;
                }
                return copy;
            }
            return frame;
        }
    }

    /** The bot wrote the message or is among its mentions. */
    private static boolean addressedTo(JsonNode message, long userId) {
        return JsonFields.id(message.path("author"), "user_id") == userId
                || JsonFields.id(message, "user_id") == userId
                || JsonFields.ids(message.get("mentions"), "user_id").contains(userId);
    }

    private static JsonNode withoutContent(JsonNode message) {
        if (!(message instanceof ObjectNode object)) {
            return message;
        }
        ObjectNode copy = object.deepCopy();
        if (copy.has("content")) {
            copy.put("content", "");
        }
        for (String field : new String[] {"embeds", "attachments", "components"}) {
            if (copy.has(field)) {
                copy.putArray(field);
            }
        }
        return copy;
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
