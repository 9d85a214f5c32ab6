package dev.guildhall.websocket.fanout;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import static dev.guildhall.websocket.protocol.JsonFields.id;
import static dev.guildhall.websocket.protocol.JsonFields.ids;

/**
 * Decides each event's audience by topic and type:
 * <ul>
 *   <li>{@code server-events}: see {@link ServerEventsHandler} (also updates the permission cache)</li>
 *   <li>{@code messages}, {@code voice-events} and anything channel-scoped: members who may VIEW the
 *       channel; without a channel, every member; without a server, the users the envelope names
 *       ({@code recipient_ids}: a DM's participants)</li>
 *   <li>{@code presence}: the other members of every server the user is in, one
 *       PRESENCE_UPDATE per server (with {@code server_id})</li>
 *   <li>{@code user-events}: USER_UPDATE (the public profile: name, avatar) to the user's own sessions and
 *       to everyone who shares a server with the user (ADR 257)</li>
 *   <li>{@code bot-events} (INTERACTION_CREATE for a bot, INTERACTION_FAILED for the person who invoked):
 *       only the users the envelope names in {@code recipient_ids}, never the channel or server (ADR 169)</li>
 *   <li>{@code VOICE_SERVER_UPDATE} (a voice connection moved, with its new token): that user's sessions only</li>
 * </ul>
 */
public final class EventRouter {

    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

    private final ServerCache cache;
    private final Audiences audiences;
    private final Fanout fanout;
    private final ParkedEvents parked;
    private final ServerEventsHandler serverEvents;
    private final LongSupplier clock;

    public EventRouter(ServerCache cache, Fanout fanout, ParkedEvents parked, ServerMembership membership,
                       LongSupplier clock) {
        this.cache = cache;
        this.audiences = new Audiences(cache);
        this.fanout = fanout;
        this.parked = parked;
        this.clock = clock;
        this.serverEvents = new ServerEventsHandler(cache, audiences, fanout, membership, this::releaseParked);
    }

    public void route(InboundEvent event) {
        if (EventTypes.VOICE_SERVER_UPDATE.equals(event.type())) {
            toUserOnly(event); // carries a voice token: never anyone else's
            return;
        }
        switch (event.topic()) {
            case Topics.SERVER_EVENTS -> serverEvents.handle(event);
            case Topics.PRESENCE -> presence(event);
            case Topics.USER_EVENTS -> user(event);
            case Topics.BOT_EVENTS -> namedUsersOnly(event);
            default -> channelScoped(event, Park.AND_REFRESH);
        }
    }

    /** What to do with an event for a channel this node does not know. */
    private enum Park { AND_REFRESH, ONLY, NO }

    private void channelScoped(InboundEvent event, Park park) {
        if (event.serverId() == 0) {
            direct(event);
            return;
        }
        ServerState state = cache.get(event.serverId());
        if (state == null) {
            return; // no local session is in this server (or it is unavailable here)
        }
        if (event.channelId() == 0) {
            fanout.deliver(event, audiences.server(event.serverId()));
            return;
        }
        if (state.channel(event.channelId()) == null) {
            if (park == Park.NO || !parked.park(event, clock.getAsLong())) {
                log.debug("dropping {} for unknown channel {}", event.type(), event.channelId());
            } else if (park == Park.AND_REFRESH) {
                // perhaps this node missed the CHANNEL_CREATE: a fresh snapshot would have the channel
                long serverId = event.serverId();
                cache.refresh(serverId).subscribe(s -> afterRefresh(serverId), e -> afterRefresh(serverId));
            }
            return;
        }
        fanout.deliver(event, audiences.channel(event.serverId(), event.channelId()));
    }

    /**
     * Direct messages: the users the envelope names ({@code recipient_ids}, set by message-service, which knows
     * the participants when it writes the event), plus those a DM's CHANNEL_CREATE lists and the author.
     * Nobody is asked (ADR 130).
     */
    private void direct(InboundEvent event) {
        Set<Long> users = new HashSet<>(event.recipients());
        if (EventTypes.CHANNEL_CREATE.equals(event.type()) || users.isEmpty()) {
            users.addAll(ids(event.data().get("recipient_ids"), "user_id"));
            users.addAll(ids(event.data().get("recipients"), "user_id"));
        }
        if (event.userId() != 0) {
            users.add(event.userId());
        }
        deliverToUsers(event, users);
    }

    private void deliverToUsers(InboundEvent event, Set<Long> users) {
        if (!users.isEmpty()) {
            fanout.deliver(event, Audiences.users(users));
        }
    }

    private void presence(InboundEvent event) {
        if (!EventTypes.PRESENCE_UPDATE.equals(event.type())) {
            return;
        }
        long userId = event.userId() != 0 ? event.userId() : id(event.data(), "user_id");
        if (userId == 0) {
            return;
        }
        if (event.serverId() != 0) {
            presenceIn(event, userId, event.serverId());
            return;
        }
        for (ServerState state : cache.serversOf(userId)) {
            presenceIn(event, userId, state.serverId());
        }
    }

    private void presenceIn(InboundEvent event, long userId, long serverId) {
        if (!fanout.sessions().hasSessionsIn(serverId)) {
            return;
        }
        ObjectNode d = event.data().isObject() ? ((ObjectNode) event.data()).deepCopy() : null;
        if (d == null) {
            return;
        }
        d.put("user_id", Long.toString(userId));
        d.put("server_id", Long.toString(serverId));
        fanout.deliver(fanout.frame(EventTypes.PRESENCE_UPDATE, event.eventId() + ":" + serverId, d),
                audiences.serverExcept(serverId, userId));
    }

    private void user(InboundEvent event) {
        if (!EventTypes.USER_UPDATE.equals(event.type())) {
            return;
        }
        long userId = event.userId() != 0 ? event.userId() : id(event.data(), "user_id");
        if (userId != 0) {
            fanout.deliver(fanout.frame(event), audiences.sharingAServerWith(userId));
        }
    }

    /** An interaction carries its token: only the sessions of the users the producer named may see it. */
    private void namedUsersOnly(InboundEvent event) {
        if (!event.recipients().isEmpty()) {
            fanout.deliver(fanout.frame(event), Audiences.users(event.recipients()));
        }
    }

    private void toUserOnly(InboundEvent event) {
        long userId = event.userId() != 0 ? event.userId() : id(event.data(), "user_id");
        if (userId != 0) {
            fanout.deliver(fanout.frame(event), Audiences.users(Set.of(userId)));
        }
    }

    /** A channel became known: deliver what waited for it. */
    void releaseParked(long channelId) {
        for (InboundEvent e : parked.release(channelId)) {
            channelScoped(e, Park.NO);
        }
    }

    /** Delivers what the refreshed snapshot made known; the rest waits for its deadline. */
    private void afterRefresh(long serverId) {
        for (InboundEvent e : parked.releaseServer(serverId)) {
            channelScoped(e, Park.ONLY);
        }
    }

    public ParkedEvents parked() {
        return parked;
    }
}
