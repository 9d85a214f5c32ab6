package dev.guildhall.websocket.fanout;

import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.SessionRegistry;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Which servers a session receives events of. Joining (the user created or joined a server while
 * connected) loads the server's snapshot and sends the session a SERVER_CREATE with what it may
 * see; leaving (removed, banned, server deleted) stops deliveries at once. A server whose
 * snapshot could not be loaded stays "unavailable" for its sessions and is retried; when it
 * loads, they get its SERVER_CREATE.
 */
public final class ServerMembership {

    private final ServerCache cache;
    private final SessionRegistry sessions;
    private final Fanout fanout;
    private final BiFunction<ServerState, Long, ObjectNode> serverPayload;
    private final Consumer<GatewaySession> serversChanged;
    private final LongSupplier clock;
    private final long retryMillis;
    private final Map<Long, Long> nextRetry = new ConcurrentHashMap<>();

    /**
     * @param serverPayload  the SERVER_CREATE {@code d} for a user: server, visible channels, roles
     * @param serversChanged persists a session's server list (for RESUME on another node)
     */
    public ServerMembership(ServerCache cache, SessionRegistry sessions, Fanout fanout,
                            BiFunction<ServerState, Long, ObjectNode> serverPayload,
                            Consumer<GatewaySession> serversChanged, LongSupplier clock, long retryMillis) {
        this.cache = cache;
        this.sessions = sessions;
        this.fanout = fanout;
        this.serverPayload = serverPayload;
        this.serversChanged = serversChanged;
        this.clock = clock;
        this.retryMillis = retryMillis;
    }

    public void join(GatewaySession session, long serverId, String refBase) {
        if (session.inServer(serverId)) {
            return;
        }
        cache.load(serverId).subscribe(state -> {
            state.ensureMember(session.userId());
            sessions.joinServer(session, serverId);
            serversChanged.accept(session);
            sendServerCreate(session, state, refBase);
        }, error -> {
            sessions.joinServer(session, serverId);
            serversChanged.accept(session);
        });
    }

    public void leave(GatewaySession session, long serverId) {
        sessions.leaveServer(session, serverId);
        serversChanged.accept(session);
    }

    private void sendServerCreate(GatewaySession session, ServerState state, String refBase) {
        fanout.deliverTo(session, fanout.frame("SERVER_CREATE", refBase + ":u" + session.userId(),
                serverPayload.apply(state, session.userId())));
    }

    /** Retries servers local sessions are in but whose snapshot is missing. */
    public void retryUnavailable() {
        long now = clock.getAsLong();
        for (Long serverId : sessions.servers()) {
            if (cache.get(serverId) != null || nextRetry.getOrDefault(serverId, 0L) > now) {
                continue;
            }
            nextRetry.put(serverId, now + retryMillis);
            cache.load(serverId).subscribe(state -> {
                nextRetry.remove(serverId);
                String refBase = "avail:" + serverId + ":" + now;
                for (GatewaySession session : sessions.inServer(serverId)) {
                    state.ensureMember(session.userId());
                    sendServerCreate(session, state, refBase);
                }
            }, error -> { });
        }
        nextRetry.keySet().removeIf(id -> !sessions.hasSessionsIn(id));
    }
}
