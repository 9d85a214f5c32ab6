package dev.guildhall.websocket.session;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's open connections and live sessions (connected or detached), indexed by user and by
 * server so fan-out visits only the sessions that could possibly receive an event.
 */
public final class SessionRegistry {

    private final Set<GatewayConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<GatewaySession>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<GatewaySession>> byServer = new ConcurrentHashMap<>();
    private volatile boolean draining;

    public void opened(GatewayConnection connection) {
        connections.add(connection);
    }

    /** The node is shutting down: from now on every connection, open or new, is asked to reconnect elsewhere. */
    public void drain() {
        draining = true;
    }

    /**
     * Whether the node drains: a connection opened now is sent on at once with op 7 RECONNECT, so a client that
     * reaches this node anyway (a round robin in front) goes to another one instead of holding the web server's
     * graceful shutdown open (ADR 274).
     */
    public boolean draining() {
        return draining;
    }

    public void closed(GatewayConnection connection) {
        connections.remove(connection);
    }

    public Collection<GatewayConnection> connections() {
        return connections;
    }

    /**
     * Registers a session with the servers it already lists.
     *
     * @return the session object this one replaces (same id, e.g. resumed on the node that had it), or null
     */
    public GatewaySession add(GatewaySession session) {
        GatewaySession previous = sessions.put(session.id(), session);
        if (previous != null && previous != session) {
            unindex(previous);
        }
        addTo(byUser, session.userId(), session);
        for (Long serverId : session.servers()) {
            addTo(byServer, serverId, session);
        }
        return previous == session ? null : previous;
    }

    /** Removes exactly this object (not a newer one that took over its id). */
    public boolean remove(GatewaySession session) {
        boolean removed = sessions.remove(session.id(), session);
        unindex(session);
        return removed;
    }

    public void joinServer(GatewaySession session, long serverId) {
        session.servers().add(serverId);
        if (sessions.get(session.id()) == session) {
            addTo(byServer, serverId, session);
        }
    }

    public void leaveServer(GatewaySession session, long serverId) {
        session.servers().remove(serverId);
        removeFrom(byServer, serverId, session);
    }

    public GatewaySession get(String sessionId) {
        return sessions.get(sessionId);
    }

    public Collection<GatewaySession> inServer(long serverId) {
        Set<GatewaySession> set = byServer.get(serverId);
        return set == null ? List.of() : set;
    }

    public boolean hasSessionsIn(long serverId) {
        Set<GatewaySession> set = byServer.get(serverId);
        return set != null && !set.isEmpty();
    }

    public Collection<GatewaySession> ofUser(long userId) {
        Set<GatewaySession> set = byUser.get(userId);
        return set == null ? List.of() : set;
    }

    public Collection<GatewaySession> sessions() {
        return sessions.values();
    }

    public Set<Long> servers() {
        return byServer.keySet();
    }

    private void unindex(GatewaySession session) {
        removeFrom(byUser, session.userId(), session);
        for (Long serverId : session.servers()) {
            removeFrom(byServer, serverId, session);
        }
    }

    private static void addTo(ConcurrentHashMap<Long, Set<GatewaySession>> index, long key, GatewaySession s) {
        index.compute(key, (k, set) -> {
            Set<GatewaySession> target = set == null ? ConcurrentHashMap.newKeySet() : set;
            target.add(s);
            return target;
        });
    }

    private static void removeFrom(ConcurrentHashMap<Long, Set<GatewaySession>> index, long key, GatewaySession s) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }
}
