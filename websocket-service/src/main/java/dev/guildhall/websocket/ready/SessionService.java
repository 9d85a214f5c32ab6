package dev.guildhall.websocket.ready;

import dev.guildhall.websocket.config.NodeIdentity;
import dev.guildhall.websocket.fanout.Fanout;
import dev.guildhall.websocket.fanout.ServerMembership;
import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.presence.PresenceService;
import dev.guildhall.websocket.protocol.CloseCode;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.resume.ResumeService;
import dev.guildhall.websocket.resume.ResumeStore;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.session.AuthenticationFailedException;
import dev.guildhall.websocket.session.GatewayConnection;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.Intents;
import dev.guildhall.websocket.session.IntentsRejectedException;
import dev.guildhall.websocket.session.SessionOperations;
import dev.guildhall.websocket.session.SessionOperations.IdentifyRequest;
import dev.guildhall.websocket.session.SessionRegistry;
import dev.guildhall.websocket.upstream.UpstreamClients;
import dev.guildhall.websocket.upstream.UpstreamRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Session lifecycle: IDENTIFY (verify, build READY from the three services, register), RESUME
 * (delegated to {@link ResumeService}), heartbeats, presence, and the end of a session.
 *
 * <p>READY degrades instead of failing: auth-service down → the user object from the token;
 * server-service's list down → the servers this node already knows the user is in; a snapshot
 * missing → that server listed as {@code unavailable} (SERVER_CREATE follows when it loads);
 * message-service down → empty {@code read_states}. Only a token that does not verify, or that
 * a service answers 401 for, fails IDENTIFY (4004).
 */
public final class SessionService implements SessionOperations {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final TokenVerifier verifier;
    private final UpstreamClients clients;
    private final ServerCache cache;
    private final SessionRegistry sessions;
    private final ResumeStore store;
    private final ResumeService resumes;
    private final PresenceService presence;
    private final Fanout fanout;
    private final ReadyPayloads payloads;
    private final NodeIdentity identity;
    private final WebsocketMetrics metrics;
    private final LongSupplier clock;
    /** Session id → when to ask for its server list again (see {@link #retryServerLists}). */
    private final Map<String, Long> serverListDue = new ConcurrentHashMap<>();

    static final long SERVER_LIST_RETRY_MILLIS = 5_000;

    public SessionService(TokenVerifier verifier, UpstreamClients clients, ServerCache cache, SessionRegistry sessions,
                          ResumeStore store, ResumeService resumes, PresenceService presence, Fanout fanout,
                          ReadyPayloads payloads, NodeIdentity identity, WebsocketMetrics metrics, LongSupplier clock) {
        this.verifier = verifier;
        this.clients = clients;
        this.cache = cache;
        this.sessions = sessions;
        this.store = store;
        this.resumes = resumes;
        this.presence = presence;
        this.fanout = fanout;
        this.payloads = payloads;
        this.identity = identity;
        this.metrics = metrics;
        this.clock = clock;
        store.listener(this::moved);
        store.onClaims(this::claimed);
        resumes.onReplaced(this::moved);
    }

    private void claimed(String sessionId, String owner) {
        GatewaySession local = sessions.get(sessionId);
        if (local != null && !local.ownerToken().equals(owner)) {
            moved(local);
        }
    }

    private record Loaded(long serverId, ServerState state) {
    }

    @Override
    public Mono<GatewaySession> identify(GatewayConnection connection, IdentifyRequest request) {
        long started = clock.getAsLong();
        return verifier.verify(request.token()).flatMap(user -> {
            if (user.bot()) {
                return identifyBot(connection, request, user, started);
            }
            AtomicBoolean degraded = new AtomicBoolean();
            Mono<JsonNode> me = clients.currentUser(request.token())
                    .onErrorResume(e -> degrade(e, degraded, ReadyPayloads.userFromToken(user)));
            return ready(connection, request, user, me, degraded, started);
        });
    }

    /**
     * A bot (ADR 167): its intents are checked against Discord's bits (4013) and its application's privileged
     * switches (4014) before anything is loaded; its user object comes from auth-service's internal lookup
     * (auth-service's {@code /users/@me} takes no bot token) and READY names its application.
     */
    private Mono<GatewaySession> identifyBot(GatewayConnection connection, IdentifyRequest request, VerifiedUser bot,
                                             long started) {
        long bits = request.intentsGiven() ? request.intents().bits() : Intents.UNPRIVILEGED;
        if (Intents.invalid(bits)) {
            return Mono.error(new IntentsRejectedException(CloseCode.INVALID_INTENTS));
        }
        if (Intents.disallowed(bits, bot.flags())) {
            return Mono.error(new IntentsRejectedException(CloseCode.DISALLOWED_INTENTS));
        }
        IdentifyRequest asBot = new IdentifyRequest(request.token(), Intents.ofBot(bits), request.properties(),
                request.status(), true);
        AtomicBoolean degraded = new AtomicBoolean();
        Mono<JsonNode> me = clients.userProfile(bot.userId())
                .map(profile -> (JsonNode) profile)
                .onErrorResume(e -> degrade(e, degraded, ReadyPayloads.userFromToken(bot)));
        return ready(connection, asBot, bot, me, degraded, started);
    }

    private Mono<GatewaySession> ready(GatewayConnection connection, IdentifyRequest request, VerifiedUser user,
                                       Mono<JsonNode> me, AtomicBoolean degraded, long started) {
        {
            AtomicBoolean listMissing = new AtomicBoolean();
            Mono<List<Loaded>> servers = clients.serverIdsOf(user.userId())
                    .onErrorResume(e -> {
                        listMissing.set(true);
                        return degrade(e, degraded, knownServersOf(user.userId()));
                    })
                    .flatMap(ids -> Flux.fromIterable(ids)
                            .flatMap(id -> cache.load(id).map(state -> new Loaded(id, state))
                                    .onErrorResume(e -> {
                                        degraded.set(true);
                                        return Mono.just(new Loaded(id, null));
                                    }), 8)
                            .collectList())
                    .cache();
            Mono<JsonNode> readStates = clients.readStates(user.userId())
                    .onErrorResume(e -> degrade(e, degraded, JsonNodeFactory.instance.arrayNode()));
            // voice states are an extra: without voice-service READY just has none
            Mono<Map<Long, List<JsonNode>>> voiceStates = servers
                    .flatMap(list -> clients.voiceStates(list.stream().map(Loaded::serverId).toList()))
                    .onErrorResume(e -> {
                        log.info("READY without voice states: {}", e.toString());
                        return Mono.just(Map.of());
                    });
            // who of the members is online, for the member lists (at most PRESENCE_LIMIT users looked up)
            Mono<Map<Long, String>> statuses = servers
                    .flatMap(list -> Mono.fromCompletionStage(presence.statuses(memberIds(list))))
                    .onErrorResume(e -> {
                        log.info("READY without presences: {}", e.toString());
                        return Mono.just(Map.of());
                    });
            return Mono.zip(me, servers, readStates, voiceStates, statuses).map(t -> start(connection, request,
                    user, t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), degraded.get(), listMissing.get(),
                    started));
        }
    }

    /**
     * Sessions whose READY went without the user's server list (server-service did not answer): READY listed only
     * the servers this node already knew the user in, and without the list nothing would ever add the others — the
     * session would receive no event of them until it reconnects. Asked again every
     * {@value #SERVER_LIST_RETRY_MILLIS} ms (the first time at the next sweep); each server found is joined as a
     * server the user joined while connected: its snapshot loaded, SERVER_CREATE sent.
     */
    public void retryServerLists(ServerMembership membership) {
        long now = clock.getAsLong();
        for (Map.Entry<String, Long> due : serverListDue.entrySet()) {
            GatewaySession session = sessions.get(due.getKey());
            if (session == null || session.ended()) {
                serverListDue.remove(due.getKey());
                continue;
            }
            if (due.getValue() > now) {
                continue;
            }
            due.setValue(now + SERVER_LIST_RETRY_MILLIS);
            clients.serverIdsOf(session.userId()).subscribe(ids -> {
                if (serverListDue.remove(session.id()) != null) {
                    for (Long serverId : ids) {
                        membership.join(session, serverId, "servers:" + serverId + ":" + now);
                    }
                }
            }, error -> log.debug("server list of {} still unavailable: {}", session, error.toString()));
        }
    }

    /** Presences READY looks up: a large server's member list loads its statuses on its own. */
    static final int PRESENCE_LIMIT = 2000;

    private static Set<Long> memberIds(List<Loaded> loaded) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Loaded l : loaded) {
            if (l.state() == null) {
                continue;
            }
            for (Long id : l.state().memberIds()) {
                if (ids.size() >= PRESENCE_LIMIT) {
                    return ids;
                }
                ids.add(id);
            }
        }
        return ids;
    }

    private <T> Mono<T> degrade(Throwable error, AtomicBoolean degraded, T fallback) {
        if (error instanceof UpstreamRejectedException rejected && rejected.status() == 401) {
            return Mono.error(new AuthenticationFailedException("token refused upstream"));
        }
        log.info("READY degraded: {}", error.toString());
        degraded.set(true);
        return Mono.just(fallback);
    }

    private List<Long> knownServersOf(long userId) {
        return cache.serversOf(userId).stream().map(ServerState::serverId).toList();
    }

    private GatewaySession start(GatewayConnection connection, IdentifyRequest request, VerifiedUser verified,
                                 JsonNode user, List<Loaded> loaded, JsonNode readStates,
                                 Map<Long, List<JsonNode>> voiceStates, Map<Long, String> statuses, boolean degraded,
                                 boolean serverListMissing, long started) {
        long userId = verified.userId();
        String sessionId = identity.newSessionId();
        GatewaySession session = new GatewaySession(sessionId, userId, request.intents(), identity.nextOwnerToken(),
                0, request.status(), store, clock);
        session.token(verified.tokenId(), verified.issuedAt());
        List<ObjectNode> servers = new ArrayList<>();
        for (Loaded l : loaded) {
            session.servers().add(l.serverId());
            if (l.state() != null) {
                l.state().ensureMember(userId);
                servers.add(payloads.server(l.state(), userId, voiceStates.getOrDefault(l.serverId(), List.of()),
                        statuses));
            } else {
                servers.add(payloads.unavailable(l.serverId()));
            }
        }
        DispatchFrame ready = fanout.frame("READY", "ready:" + sessionId,
                payloads.ready(user, servers, readStates, sessionId, verified));
        session.attach(connection);
        store.create(session, 1);
        synchronized (session) {
            // registered and READY queued under the session's lock: no event can take s = 1
            sessions.add(session);
            session.dispatchUnjournaled(ready);
        }
        if (serverListMissing) {
            serverListDue.put(sessionId, 0L);
        }
        presence.connect(session);
        metrics.ready(degraded, Duration.ofMillis(clock.getAsLong() - started));
        return session;
    }

    @Override
    public Mono<ResumeOutcome> resume(GatewayConnection connection, ResumeRequest request) {
        return resumes.resume(connection, request);
    }

    @Override
    public void heartbeat(GatewaySession session, long ackedSeq) {
        store.heartbeat(session, ackedSeq);
        presence.refresh(session);
    }

    @Override
    public void presence(GatewaySession session, String status) {
        session.status(status);
        store.saveStatus(session);
        presence.update(session);
    }

    @Override
    public void connectionLost(GatewaySession session, GatewayConnection connection, boolean resumable) {
        if (session.ended()) {
            return;
        }
        session.detach(connection);
        presence.disconnect(session);
        if (resumable) {
            // appends no longer refresh the keys' TTL (ADR 286): start the resume window's clock in Redis now
            store.touch(session);
        } else {
            end(session);
        }
    }

    /** The resume window of a detached session passed. */
    public void expire(GatewaySession session) {
        end(session);
    }

    private void end(GatewaySession session) {
        sessions.remove(session);
        session.end();
        store.delete(session);
    }

    /** Another session object owns the id now (RESUME here or elsewhere): this one stops. */
    public void moved(GatewaySession session) {
        if (session.ended()) {
            return;
        }
        sessions.remove(session);
        GatewayConnection connection = session.end();
        presence.disconnect(session);
        if (connection != null) {
            connection.close(CloseCode.UNKNOWN_ERROR);
        }
    }
}
