package dev.guildhall.websocket.session;

import dev.guildhall.websocket.config.GatewayProperties;
import dev.guildhall.websocket.fanout.EventRouter;
import dev.guildhall.websocket.fanout.ServerMembership;
import dev.guildhall.websocket.presence.PresenceService;
import dev.guildhall.websocket.ready.SessionService;
import dev.guildhall.websocket.servercache.ServerCache;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.ArrayList;

/**
 * The node's clock-driven chores, each cheap enough to run every second for thousands of
 * connections: identify and heartbeat timeouts, expiry of detached sessions past their resume
 * window, eviction of unused server snapshots, retries of unavailable servers, parked events.
 */
public class GatewaySweeper {

    /** Snapshots of servers without local sessions are kept this long, for quick reconnects. */
    private static final long SNAPSHOT_IDLE_MILLIS = 60_000;

    private final SessionRegistry sessions;
    private final SessionService sessionService;
    private final ServerCache cache;
    private final ServerMembership membership;
    private final EventRouter router;
    private final PresenceService presence;
    private final long resumeWindowMillis;

    public GatewaySweeper(SessionRegistry sessions, SessionService sessionService, ServerCache cache,
                          ServerMembership membership, EventRouter router, PresenceService presence,
                          GatewayProperties properties) {
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.cache = cache;
        this.membership = membership;
        this.router = router;
        this.presence = presence;
        this.resumeWindowMillis = properties.resume().window().toMillis();
    }

    @Scheduled(fixedDelayString = "${guildhall.websocket.sweep-interval}")
    public void sweep() {
        long now = System.currentTimeMillis();
        for (GatewayConnection connection : new ArrayList<>(sessions.connections())) {
            connection.checkTimeouts(now);
        }
        for (GatewaySession session : new ArrayList<>(sessions.sessions())) {
            long detachedAt = session.detachedAt();
            if (detachedAt >= 0 && now - detachedAt > resumeWindowMillis) {
                sessionService.expire(session);
            }
        }
        cache.evictUnused(sessions::hasSessionsIn, SNAPSHOT_IDLE_MILLIS);
        membership.retryUnavailable();
        sessionService.retryServerLists(membership);
        router.parked().expire(now);
    }

    @Scheduled(fixedDelayString = "${guildhall.websocket.presence.sweep-interval}")
    public void sweepPresence() {
        presence.sweep();
    }
}
