package dev.guildhall.websocket.resume;

import dev.guildhall.websocket.config.NodeIdentity;
import dev.guildhall.websocket.config.NodeLiveness;
import dev.guildhall.websocket.fanout.Fanout;
import dev.guildhall.websocket.fanout.RecentDispatches;
import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.presence.PresenceService;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.ready.TokenVerifier;
import dev.guildhall.websocket.ready.VerifiedUser;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.session.AuthenticationFailedException;
import dev.guildhall.websocket.session.GatewayConnection;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.Intents;
import dev.guildhall.websocket.session.SessionOperations.ResumeOutcome;
import dev.guildhall.websocket.session.SessionOperations.ResumeRequest;
import dev.guildhall.websocket.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * RESUME on any node (ADR 072) — exact, or refused:
 * <ol>
 *   <li>verify the token; read the session's servers from Redis and load their snapshots here.
 *       A server this node has only just started to follow is given {@link #HANDOVER_MARGIN_MILLIS}
 *       before the takeover, so the previous node cannot still be behind on anything this node
 *       has not seen;</li>
 *   <li>claim the session in Redis (swap its owner token: the previous holder's journal writes
 *       now fail, and it is told on {@code ws:claims}) and take its journal;</li>
 *   <li>check the client's seq against it: gaps (anywhere in the journal, ADR 261), trimmed entries or
 *       lost payloads → INVALID_SESSION; a seq the session never reached → 4007. If the previous
 *       owner's node is dead, it stopped journaling at an unknown moment: the resume goes ahead only if this node has followed
 *       every server of the session, with its recent ring intact, since the journal's last entry;</li>
 *   <li>under the new session's lock: register it, replay every journaled frame after seq with its
 *       original {@code s}, then deliver the events this node fanned out recently that the journal
 *       lacks and the session may see, then RESUMED. Live events wait for the lock, and the
 *       session drops refs the resume delivered for the resume window, so nothing is doubled even when
 *       this node lags behind the previous one (ADR 262).</li>
 * </ol>
 */
public final class ResumeService {

    private static final Logger log = LoggerFactory.getLogger(ResumeService.class);

    /** How far back from the journal's last entry the recent ring is searched. */
    private static final long LAG_MARGIN_MILLIS = 5_000;
    /** How long a node must have followed a server before it takes over a session in it. */
    static final long HANDOVER_MARGIN_MILLIS = 2_000;

    private final TokenVerifier verifier;
    private final ResumeStore store;
    private final ServerCache cache;
    private final SessionRegistry sessions;
    private final RecentDispatches recent;
    private final Fanout fanout;
    private final PresenceService presence;
    private final NodeIdentity identity;
    private final WebsocketMetrics metrics;
    private final LongSupplier clock;
    private final long dedupeWindowMillis;
    private final NodeLiveness liveness;
    private volatile Consumer<GatewaySession> previousHolder = s -> { };

    public ResumeService(TokenVerifier verifier, ResumeStore store, ServerCache cache, SessionRegistry sessions,
                         RecentDispatches recent, Fanout fanout, PresenceService presence, NodeIdentity identity,
                         NodeLiveness liveness, WebsocketMetrics metrics, LongSupplier clock, long dedupeWindowMillis) {
        this.liveness = liveness;
        this.verifier = verifier;
        this.store = store;
        this.cache = cache;
        this.sessions = sessions;
        this.recent = recent;
        this.fanout = fanout;
        this.presence = presence;
        this.identity = identity;
        this.metrics = metrics;
        this.clock = clock;
        this.dedupeWindowMillis = dedupeWindowMillis;
    }

    /** What to do with a session object on this node that the resume replaces. */
    public void onReplaced(Consumer<GatewaySession> handler) {
        this.previousHolder = handler;
    }

    public Mono<ResumeOutcome> resume(GatewayConnection connection, ResumeRequest request) {
        if (!request.sessionId().matches("[0-9a-f]{32}")) {
            return verifier.verify(request.token()).map(u -> miss());
        }
        return verifier.verify(request.token()).flatMap(user ->
                Mono.fromCompletionStage(store.read(request.sessionId())).flatMap(meta -> {
                    if (meta.isEmpty() || !Long.toString(user.userId()).equals(meta.get("user_id"))) {
                        return Mono.just(miss());
                    }
                    List<Long> servers = servers(meta.get("servers"));
                    return Flux.fromIterable(servers)
                            .flatMap(id -> cache.load(id).onErrorResume(e -> Mono.empty()), 8)
                            .then(Mono.defer(() -> Mono.delay(Duration.ofMillis(handoverWait(servers)))))
                            .then(Mono.defer(() -> claim(connection, request, user)));
                })
                // Redis unreachable, a malformed journal: the session cannot be continued, a new one can
                .onErrorResume(e -> !(e instanceof AuthenticationFailedException), e -> {
                    log.warn("RESUME of {} failed: {}", request.sessionId(), e.toString());
                    return Mono.just(miss());
                }));
    }

    private Mono<ResumeOutcome> claim(GatewayConnection connection, ResumeRequest request, VerifiedUser user) {
        String owner = identity.nextOwnerToken();
        return Mono.fromCompletionStage(store.claim(request.sessionId(), user.userId(), owner)).flatMap(claim -> {
            if (claim.status() != Claim.Status.OK) {
                return Mono.just(miss());
            }
            GatewaySession session = new GatewaySession(request.sessionId(), user.userId(),
                    Intents.decode(claim.intents()), owner, claim.seq(),
                    claim.presence().isBlank() ? "online" : claim.presence(), store, clock);
            session.token(user.tokenId(), user.issuedAt());
            if (request.seq() > claim.seq()) {
                store.delete(session);
                metrics.resumeMiss();
                return Mono.just(new ResumeOutcome.InvalidSeq());
            }
            List<Claim.Entry> missed = claim.entries().stream().filter(e -> e.seq() > request.seq()).toList();
            // the whole journal, not only what the client missed: the gap-fill below tells what the session was
            // already sent by the journal's refs, so a lost append before the client's seq would send that event
            // a second time, after newer ones (ADR 261)
            List<Claim.Entry> kept = claim.entries().stream().filter(e -> e.seq() > claim.trimmed()).toList();
            if (request.seq() < claim.trimmed() || !continuous(missed, request.seq(), claim.seq())
                    || !continuous(kept, claim.trimmed(), claim.seq())) {
                store.delete(session);
                return Mono.just(miss());
            }
            long since = Math.max(claim.lastAt() - LAG_MARGIN_MILLIS, claim.createdAt());
            return Mono.fromCompletionStage(liveness.alive(claim.previousOwner())).flatMap(alive -> {
                if (!alive && !followedSince(claim.servers(), since)) {
                    store.delete(session);
                    return Mono.just(miss());
                }
                return Mono.fromCompletionStage(store.payloads(missed.stream().map(Claim.Entry::ref)
                        .collect(Collectors.toSet()))).map(payloads -> {
                            if (!payloads.keySet().containsAll(missed.stream().map(Claim.Entry::ref).toList())) {
                                store.delete(session);
                                return miss();
                            }
                            return activate(connection, session, claim, since, missed, payloads);
                        });
            });
        });
    }

    private long handoverWait(List<Long> servers) {
        long now = clock.getAsLong();
        long wait = 0;
        for (Long serverId : servers) {
            long since = cache.cachedSince(serverId);
            if (since != Long.MAX_VALUE) {
                wait = Math.max(wait, since + HANDOVER_MARGIN_MILLIS - now);
            }
        }
        return wait;
    }

    /** Whether this node has fanned out every event of these servers since {@code since}. */
    private boolean followedSince(List<Long> servers, long since) {
        for (Long serverId : servers) {
            if (cache.cachedSince(serverId) > since) {
                return false;
            }
        }
        return recent.covers(since);
    }

    private ResumeOutcome activate(GatewayConnection connection, GatewaySession session, Claim claim, long since,
                                   List<Claim.Entry> missed, Map<String, String> payloads) {
        for (Long serverId : claim.servers()) {
            session.servers().add(serverId);
            ServerState state = cache.get(serverId);
            if (state != null) {
                state.ensureMember(session.userId());
            }
        }
        GatewaySession previous = sessions.get(session.id());
        if (previous != null) {
            previousHolder.accept(previous);
        }
        session.rememberDelivered(claim.entries().stream().map(Claim.Entry::ref).toList(),
                clock.getAsLong() + dedupeWindowMillis);
        session.attach(connection);
        synchronized (session) {
            sessions.add(session);
            for (Claim.Entry e : missed) {
                session.replay(DispatchFrame.fromSuffix(e.ref(), payloads.get(e.ref())), e.seq());
            }
            for (RecentDispatches.Entry r : recent.since(since)) {
                // as the live fan-out chose for this session: intents and MESSAGE_CONTENT apply to the gap too
                DispatchFrame frame = r.frameFor(session);
                if (frame != null) {
                    session.dispatchRemembered(frame);
                }
            }
            session.dispatch(fanout.frame("RESUMED", "resumed:" + session.ownerToken(),
                    JsonNodeFactory.instance.objectNode()));
        }
        presence.connect(session);
        store.publishClaim(session);
        metrics.resumeHit();
        return new ResumeOutcome.Resumed(session);
    }

    private ResumeOutcome miss() {
        metrics.resumeMiss();
        return new ResumeOutcome.Invalid();
    }

    private static boolean continuous(List<Claim.Entry> missed, long clientSeq, long sessionSeq) {
        long expected = clientSeq + 1;
        for (Claim.Entry e : missed) {
            if (e.seq() != expected) {
                return false;
            }
            expected++;
        }
        return expected - 1 == sessionSeq;
    }

    private static List<Long> servers(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(Long::parseLong).collect(Collectors.toCollection(ArrayList::new));
    }
}
