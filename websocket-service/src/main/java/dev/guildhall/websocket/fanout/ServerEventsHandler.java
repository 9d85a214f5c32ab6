package dev.guildhall.websocket.fanout;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.servercache.ChannelState;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.servercache.SnapshotParser;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.SessionRegistry;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

import static dev.guildhall.websocket.protocol.JsonFields.id;
import static dev.guildhall.websocket.protocol.JsonFields.unwrap;

/**
 * {@code server-events}: updates the permission cache and fans the event out, in the order that
 * keeps access tight. An event that takes access away is delivered to who could see before, then
 * applied; one that grants access is applied, then delivered to who can see now. When a change
 * alters which channels a member may view (an overwrite, a role's bits, the member's roles), the
 * member's sessions get CHANNEL_CREATE for channels that appeared and CHANNEL_DELETE for channels
 * that disappeared, and deliveries of the hidden channel stop with the next event.
 */
final class ServerEventsHandler {

    private final ServerCache cache;
    private final Audiences audiences;
    private final Fanout fanout;
    private final ServerMembership membership;
    private final LongConsumer channelKnown;

    ServerEventsHandler(ServerCache cache, Audiences audiences, Fanout fanout, ServerMembership membership,
                        LongConsumer channelKnown) {
        this.cache = cache;
        this.audiences = audiences;
        this.fanout = fanout;
        this.membership = membership;
        this.channelKnown = channelKnown;
    }

    void handle(InboundEvent e) {
        long serverId = e.serverId();
        if (serverId == 0) {
            return;
        }
        switch (e.type()) {
            case EventTypes.SERVER_CREATE -> serverCreated(e);
            case EventTypes.SERVER_DELETE -> serverDeleted(e);
            case EventTypes.SERVER_MEMBER_ADD -> memberAdded(e);
            case EventTypes.SERVER_MEMBER_REMOVE -> memberRemoved(e, audiences.server(serverId));
            case EventTypes.SERVER_BAN_ADD -> memberRemoved(e, audiences.withPermission(serverId, 0, Permission.BAN_MEMBERS));
            case EventTypes.SERVER_BAN_REMOVE -> applyThenDeliver(e, audiences.withPermission(serverId, 0, Permission.BAN_MEMBERS));
            case EventTypes.CHANNEL_CREATE, EventTypes.CHANNEL_UPDATE -> channelChanged(e);
            case EventTypes.CHANNEL_DELETE -> channelDeleted(e);
            case EventTypes.SERVER_ROLE_CREATE, EventTypes.SERVER_ROLE_UPDATE, EventTypes.SERVER_ROLE_DELETE ->
                    accessChange(e, new ArrayList<>(fanout.sessions().inServer(serverId)));
            case EventTypes.SERVER_MEMBER_UPDATE -> accessChange(e, sessionsOf(memberId(e), serverId));
            case EventTypes.INVITE_CREATE, EventTypes.INVITE_DELETE ->
                    applyThenDeliver(e, audiences.withPermission(serverId, e.channelId(), Permission.MANAGE_CHANNELS));
            default -> applyThenDeliver(e, e.channelId() != 0
                    ? audiences.channel(serverId, e.channelId()) : audiences.server(serverId));
        }
    }

    private void applyThenDeliver(InboundEvent e, Audience audience) {
        cache.apply(e.serverId(), e.type(), e.data());
        fanout.deliver(frame(e), audience);
    }

    /** The owner's sessions join the new server and get its SERVER_CREATE. */
    private void serverCreated(InboundEvent e) {
        long owner = id(unwrap(e.data(), "server"), "owner_id");
        if (owner == 0) {
            owner = e.userId();
        }
        for (GatewaySession session : fanout.sessions().ofUser(owner)) {
            membership.join(session, e.serverId(), e.eventId());
        }
    }

    private void serverDeleted(InboundEvent e) {
        fanout.deliver(frame(e), audiences.server(e.serverId()));
        for (GatewaySession session : new ArrayList<>(fanout.sessions().inServer(e.serverId()))) {
            membership.leave(session, e.serverId());
        }
        cache.evict(e.serverId());
    }

    private void memberAdded(InboundEvent e) {
        cache.apply(e.serverId(), e.type(), e.data());
        fanout.deliver(frame(e), audiences.server(e.serverId()));
        for (GatewaySession session : fanout.sessions().ofUser(memberId(e))) {
            membership.join(session, e.serverId(), e.eventId());
        }
    }

    /** The member's own sessions get the event too, then stop receiving anything of the server. */
    private void memberRemoved(InboundEvent e, Audience audience) {
        long userId = memberId(e);
        List<GatewaySession> own = sessionsOf(userId, e.serverId());
        Set<String> ownIds = new HashSet<>();
        own.forEach(s -> ownIds.add(s.id()));
        fanout.deliver(frame(e), anyOf(audience, Audiences.sessions(ownIds)));
        // a bot without the GUILD_MEMBERS intent is not sent member events, its own removal included: it is
        // told the server is gone for it instead (Discord's GUILD_DELETE, which every bot receives)
        Set<String> unaware = new HashSet<>();
        for (GatewaySession session : own) {
            if (!session.intents().allows(e.type())) {
                unaware.add(session.id());
            }
        }
        if (!unaware.isEmpty()) {
            fanout.deliver(fanout.frame(EventTypes.SERVER_DELETE, e.eventId() + ":removed",
                    JsonNodeFactory.instance.objectNode().put("server_id", Long.toString(e.serverId()))),
                    Audiences.sessions(unaware));
        }
        cache.apply(e.serverId(), e.type(), e.data());
        for (GatewaySession session : own) {
            membership.leave(session, e.serverId());
        }
    }

    private void channelChanged(InboundEvent e) {
        ServerState state = cache.get(e.serverId());
        long channelId = id(unwrap(e.data(), "channel"), "channel_id");
        if (state == null || channelId == 0) {
            cache.apply(e.serverId(), e.type(), e.data());
            return;
        }
        ChannelState before = state.channel(channelId);
        List<GatewaySession> inServer = new ArrayList<>(fanout.sessions().inServer(e.serverId()));
        Map<GatewaySession, Boolean> sawBefore = new HashMap<>();
        for (GatewaySession s : inServer) {
            sawBefore.put(s, before != null && state.canView(s.userId(), channelId));
        }
        cache.apply(e.serverId(), e.type(), e.data());
        Set<String> still = new HashSet<>();
        Set<String> gained = new HashSet<>();
        Set<String> lost = new HashSet<>();
        for (GatewaySession s : inServer) {
            boolean now = state.canView(s.userId(), channelId);
            boolean was = sawBefore.get(s);
            if (now && (was || EventTypes.CHANNEL_CREATE.equals(e.type()))) {
                still.add(s.id());
            } else if (now) {
                gained.add(s.id());
            } else if (was) {
                lost.add(s.id());
            }
        }
        fanout.deliver(frame(e), Audiences.sessions(still));
        ChannelState after = state.channel(channelId);
        if (!gained.isEmpty() && after != null) {
            fanout.deliver(fanout.frame(EventTypes.CHANNEL_CREATE, e.eventId() + ":show", after.object()),
                    Audiences.sessions(gained));
        }
        if (!lost.isEmpty()) {
            fanout.deliver(fanout.frame(EventTypes.CHANNEL_DELETE, e.eventId() + ":hide", before.object()),
                    Audiences.sessions(lost));
        }
        channelKnown.accept(channelId);
    }

    private void channelDeleted(InboundEvent e) {
        long channelId = id(unwrap(e.data(), "channel"), "channel_id");
        ServerState state = cache.get(e.serverId());
        Set<String> viewers = new HashSet<>();
        if (state != null) {
            for (GatewaySession s : fanout.sessions().inServer(e.serverId())) {
                if (state.canView(s.userId(), channelId)) {
                    viewers.add(s.id());
                }
            }
        }
        fanout.deliver(frame(e), Audiences.sessions(viewers));
        cache.apply(e.serverId(), e.type(), e.data());
    }

    /**
     * A role or a member's roles changed: everyone gets the event; affected sessions also get the
     * channels they gained (CHANNEL_CREATE) and lost (CHANNEL_DELETE).
     */
    private void accessChange(InboundEvent e, List<GatewaySession> affected) {
        ServerState state = cache.get(e.serverId());
        Map<GatewaySession, Set<Long>> before = new HashMap<>();
        Map<Long, ObjectNode> objectsBefore = new HashMap<>();
        if (state != null) {
            for (GatewaySession s : affected) {
                Set<Long> visible = state.visibleChannelIds(s.userId());
                before.put(s, visible);
                for (Long channelId : visible) {
                    ChannelState c = state.channel(channelId);
                    if (c != null) {
                        objectsBefore.putIfAbsent(channelId, c.object());
                    }
                }
            }
        }
        cache.apply(e.serverId(), e.type(), e.data());
        fanout.deliver(frame(e), audiences.server(e.serverId()));
        if (state == null) {
            return;
        }
        Map<Long, Set<String>> gainedBy = new HashMap<>();
        Map<Long, Set<String>> lostBy = new HashMap<>();
        for (GatewaySession s : affected) {
            Set<Long> was = before.get(s);
            Set<Long> now = state.visibleChannelIds(s.userId());
            for (Long c : now) {
                if (!was.contains(c)) {
                    gainedBy.computeIfAbsent(c, k -> new HashSet<>()).add(s.id());
                }
            }
            for (Long c : was) {
                if (!now.contains(c)) {
                    lostBy.computeIfAbsent(c, k -> new HashSet<>()).add(s.id());
                }
            }
        }
        gainedBy.forEach((channelId, ids) -> {
            ChannelState c = state.channel(channelId);
            if (c != null) {
                fanout.deliver(fanout.frame(EventTypes.CHANNEL_CREATE, e.eventId() + ":show" + channelId, c.object()),
                        Audiences.sessions(ids));
            }
        });
        lostBy.forEach((channelId, ids) -> fanout.deliver(
                fanout.frame(EventTypes.CHANNEL_DELETE, e.eventId() + ":hide" + channelId, objectsBefore.get(channelId)),
                Audiences.sessions(ids)));
    }

    private DispatchFrame frame(InboundEvent e) {
        return fanout.frame(e);
    }

    private long memberId(InboundEvent e) {
        long userId = SnapshotParser.memberUserId(unwrap(e.data(), "member"));
        return userId != 0 ? userId : e.userId();
    }

    private List<GatewaySession> sessionsOf(long userId, long serverId) {
        List<GatewaySession> out = new ArrayList<>();
        for (GatewaySession s : fanout.sessions().ofUser(userId)) {
            if (s.inServer(serverId)) {
                out.add(s);
            }
        }
        return out;
    }

    private static Audience anyOf(Audience a, Audience b) {
        return new Audience() {
            @Override
            public Iterable<GatewaySession> candidates(SessionRegistry sessions) {
                Set<GatewaySession> out = new java.util.LinkedHashSet<>();
                a.candidates(sessions).forEach(out::add);
                b.candidates(sessions).forEach(out::add);
                return out;
            }

            @Override
            public boolean includes(GatewaySession session) {
                return a.includes(session) || b.includes(session);
            }
        };
    }
}
