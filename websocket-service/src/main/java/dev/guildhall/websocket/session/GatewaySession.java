package dev.guildhall.websocket.session;

import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.protocol.OutboundFrame;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A resumable session: what IDENTIFY creates and RESUME continues. It outlives its connection:
 * while detached (the socket dropped) it keeps numbering and journaling the events its user may
 * see, so a RESUME on any node within the window replays them. Every dispatch takes the next
 * {@code s} under this object's lock, so sequence order is delivery order.
 */
public final class GatewaySession {

    /** Where each numbered dispatch is written for resume (Redis); must not block. */
    public interface Journal {
        void append(GatewaySession session, long seq, DispatchFrame frame);
    }

    private final String id;
    private final long userId;
    private final Intents intents;
    private final String ownerToken;
    private final Journal journal;
    private final LongSupplier clock;
    private final Set<Long> servers = ConcurrentHashMap.newKeySet();
    private volatile String status;
    /** The id and {@code iat} of the access token the session identified or resumed with (ADR 251); null for a bot. */
    private volatile String tokenId;
    private volatile long tokenIssuedAt;

    private long seq;
    private GatewayConnection connection;
    private long detachedAt = -1;
    private boolean ended;
    /**
     * Refs a RESUME delivered (the journal's and the gap-fill's), kept so that late copies are dropped; for the
     * resume window, not a few seconds: a node lagging behind the previous one fans out its copies of the replayed
     * events as late as it lags (ADR 262). Live dispatches are checked against it but not added.
     */
    private Set<String> recentRefs;
    private long recentRefsUntil;

    public GatewaySession(String id, long userId, Intents intents, String ownerToken, long seq, String status,
                          Journal journal, LongSupplier clock) {
        this.id = id;
        this.userId = userId;
        this.intents = intents;
        this.ownerToken = ownerToken;
        this.seq = seq;
        this.status = status;
        this.journal = journal;
        this.clock = clock;
    }

    public String id() {
        return id;
    }

    public long userId() {
        return userId;
    }

    /** Records the person's access token behind the session, so its revocation can end the session (ADR 251). */
    public void token(String id, long issuedAt) {
        this.tokenIssuedAt = issuedAt;
        this.tokenId = id;
    }

    public String tokenId() {
        return tokenId;
    }

    public long tokenIssuedAt() {
        return tokenIssuedAt;
    }

    public Intents intents() {
        return intents;
    }

    /** Unique per session object: the resume buffer accepts writes only from its current owner. */
    public String ownerToken() {
        return ownerToken;
    }

    public String status() {
        return status;
    }

    public void status(String status) {
        this.status = status;
    }

    public Set<Long> servers() {
        return servers;
    }

    public boolean inServer(long serverId) {
        return servers.contains(serverId);
    }

    /**
     * Numbers, journals and (when connected) sends one event.
     *
     * @return whether the session took it (intents and post-resume dedupe may drop it)
     */
    public synchronized boolean dispatch(DispatchFrame frame) {
        return dispatch(frame, false);
    }

    /**
     * As {@link #dispatch(DispatchFrame)}, for a RESUME's gap-fill from this node's recent dispatches: the ref is
     * remembered, so that this node's live copy of the same event, if it is still on its way, is dropped.
     */
    public synchronized boolean dispatchRemembered(DispatchFrame frame) {
        return dispatch(frame, true);
    }

    private boolean dispatch(DispatchFrame frame, boolean remember) {
        if (ended || !intents.allows(frame.type())) {
            return false;
        }
        if (recentRefs != null) {
            if (clock.getAsLong() > recentRefsUntil) {
                recentRefs = null;
            } else if (recentRefs.contains(frame.ref())) {
                return false;
            } else if (remember) {
                recentRefs.add(frame.ref());
            }
        }
        long s = ++seq;
        journal.append(this, s, frame);
        GatewayConnection c = connection;
        if (c != null) {
            c.deliver(new OutboundFrame.Dispatch(frame, s));
        }
        return true;
    }

    /** READY: takes a sequence number like any dispatch but is not journaled (too large; never replayed). */
    public synchronized long dispatchUnjournaled(DispatchFrame frame) {
        long s = ++seq;
        if (connection != null) {
            connection.deliver(new OutboundFrame.Dispatch(frame, s));
        }
        return s;
    }

    /** Resends a journaled frame with its original sequence (RESUME replay). */
    public synchronized void replay(DispatchFrame frame, long originalSeq) {
        if (connection != null) {
            connection.deliver(new OutboundFrame.Dispatch(frame, originalSeq));
        }
    }

    public synchronized long seq() {
        return seq;
    }

    public synchronized void attach(GatewayConnection connection) {
        this.connection = connection;
        this.detachedAt = -1;
    }

    /** The socket is gone; the session lives on until its resume window closes. */
    public synchronized void detach(GatewayConnection from) {
        if (connection == from) {
            connection = null;
            detachedAt = clock.getAsLong();
        }
    }

    public synchronized GatewayConnection connection() {
        return connection;
    }

    /** When the session lost its socket, or -1 while connected. */
    public synchronized long detachedAt() {
        return detachedAt;
    }

    public synchronized void rememberDelivered(Collection<String> refs, long untilMillis) {
        recentRefs = new HashSet<>(refs);
        recentRefsUntil = untilMillis;
    }

    /** Stops all further dispatches; returns the connection it had, if any. */
    public synchronized GatewayConnection end() {
        ended = true;
        GatewayConnection c = connection;
        connection = null;
        return c;
    }

    public synchronized boolean ended() {
        return ended;
    }

    @Override
    public String toString() {
        return "session " + id + " of user " + userId;
    }
}
