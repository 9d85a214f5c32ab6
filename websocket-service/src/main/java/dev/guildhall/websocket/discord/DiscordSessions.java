package dev.guildhall.websocket.discord;

import dev.guildhall.common.discord.DiscordObjects;
import dev.guildhall.websocket.config.NodeIdentity;
import dev.guildhall.websocket.fanout.Fanout;
import dev.guildhall.websocket.protocol.CloseCode;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.presence.PresenceService;
import dev.guildhall.websocket.ready.ReadyPayloads;
import dev.guildhall.websocket.ready.SessionService;
import dev.guildhall.websocket.resume.ResumeStore;
import dev.guildhall.websocket.ready.TokenVerifier;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.session.AuthenticationFailedException;
import dev.guildhall.websocket.session.GatewayConnection;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.Intents;
import dev.guildhall.websocket.session.IntentsRejectedException;
import dev.guildhall.websocket.session.SessionOperations;
import dev.guildhall.websocket.session.SessionRegistry;
import dev.guildhall.websocket.upstream.UpstreamClients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Discord-dialect sessions: IDENTIFY with a bot token (the node's {@link TokenVerifier}, i.e. bot-service, ADR
 * 152), intents under the native gateway's bot rules (4013, 4014; ADR 167), READY in Discord's shape followed by
 * one GUILD_CREATE per available guild, then the ordinary fan-out. The session is a plain {@link
 * GatewaySession} in the node's registry, so the bot gets exactly the events its permissions allow. It is
 * journaled like a native session, and RESUME, heartbeats, presence and the end of a connection are the native
 * {@link SessionService}'s (ADR 181): a resumed session's missed native dispatches are replayed through this
 * connection's encoder, so they arrive in Discord's shape with their original {@code s}.
 */
public final class DiscordSessions {

    /** Discord's gateway version. */
    static final int VERSION = 10;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TokenVerifier verifier;
    private final DiscordGatewayProperties properties;
    private final UpstreamClients clients;
    private final ServerCache cache;
    private final SessionRegistry sessions;
    private final ReadyPayloads payloads;
    private final Fanout fanout;
    private final DiscordEncoder encoder;
    private final NodeIdentity identity;
    private final LongSupplier clock;
    private final SessionService native_;
    private final ResumeStore store;
    private final PresenceService presence;

    public DiscordSessions(TokenVerifier verifier, DiscordGatewayProperties properties, UpstreamClients clients,
                           ServerCache cache, SessionRegistry sessions, ReadyPayloads payloads, Fanout fanout,
                           DiscordEncoder encoder, NodeIdentity identity, LongSupplier clock,
                           SessionService nativeSessions, ResumeStore store, PresenceService presence) {
        this.native_ = nativeSessions;
        this.store = store;
        this.presence = presence;
        this.verifier = verifier;
        this.properties = properties;
        this.clients = clients;
        this.cache = cache;
        this.sessions = sessions;
        this.payloads = payloads;
        this.fanout = fanout;
        this.encoder = encoder;
        this.identity = identity;
        this.clock = clock;
    }

    /** The operations one connection's state machine calls, bound to its transport. */
    SessionOperations on(DiscordTransport transport) {
        return new SessionOperations() {
            @Override
            public Mono<GatewaySession> identify(GatewayConnection connection, IdentifyRequest request) {
                return DiscordSessions.this.identify(connection, transport, request);
            }

            @Override
            public Mono<ResumeOutcome> resume(GatewayConnection connection, ResumeRequest request) {
                return DiscordSessions.this.resume(connection, transport, request);
            }

            @Override
            public void heartbeat(GatewaySession session, long ackedSeq) {
                native_.heartbeat(session, ackedSeq);
            }

            @Override
            public void presence(GatewaySession session, String status) {
                native_.presence(session, status);
            }

            @Override
            public void connectionLost(GatewaySession session, GatewayConnection connection, boolean resumable) {
                native_.connectionLost(session, connection, resumable);
            }
        };
    }

    /**
     * The intents a bot session gets, with the native gateway's rules (ADR 167): unknown bits 4013, privileged
     * ones the application's flags do not grant 4014, none given → every unprivileged family.
     */
    static Intents intents(SessionOperations.IdentifyRequest request, long applicationFlags) {
        long bits = request.intentsGiven() ? request.intents().bits() : Intents.UNPRIVILEGED;
        if (Intents.invalid(bits)) {
            throw new IntentsRejectedException(CloseCode.INVALID_INTENTS);
        }
        if (Intents.disallowed(bits, applicationFlags)) {
            throw new IntentsRejectedException(CloseCode.DISALLOWED_INTENTS);
        }
        return Intents.ofBot(bits);
    }

    /**
     * RESUME: the bot's identity (its token must be a bot's) is bound to this connection first, so the
     * replay the native {@link SessionService} queues is encoded for it; everything else — the claim, the
     * journal, the recent ring filtered by the session's intents, RESUMED, INVALID_SESSION — is native.
     */
    private Mono<SessionOperations.ResumeOutcome> resume(GatewayConnection connection, DiscordTransport transport,
                                                         SessionOperations.ResumeRequest request) {
        return verifier.verify(request.token()).flatMap(verified -> {
            if (!verified.bot()) {
                return Mono.error(new AuthenticationFailedException("not a bot token"));
            }
            return user(verified.userId()).flatMap(user -> {
                transport.identified(new DiscordIdentity(verified.userId(), verified.applicationId(),
                        verified.flags(), 0, user));
                return native_.resume(connection, request);
            });
        });
    }

    private Mono<ObjectNode> user(long userId) {
        return clients.userProfile(userId)
                .onErrorResume(e -> Mono.just(JSON.objectNode()
                        .put("user_id", Long.toString(userId)).put("username", "bot")))
                .map(profile -> DiscordObjects.user(profile, true));
    }

    private Mono<GatewaySession> identify(GatewayConnection connection, DiscordTransport transport,
                                          SessionOperations.IdentifyRequest request) {
        return verifier.verify(request.token()).flatMap(verified -> {
            if (!verified.bot()) {
                // the Discord dialect is for bots; people use the native gateway
                return Mono.error(new AuthenticationFailedException("not a bot token"));
            }
            Intents intents = intents(request, verified.flags());
            Mono<ObjectNode> user = user(verified.userId());
            Mono<List<ServerState>> servers = clients.serverIdsOf(verified.userId())
                    .flatMap(ids -> Flux.fromIterable(ids).flatMap(id -> cache.load(id)
                            .onErrorResume(e -> Mono.empty()), 8).collectList());
            return Mono.zip(user, servers).map(t -> start(connection, transport, new DiscordIdentity(
                    verified.userId(), verified.applicationId(), verified.flags(), intents.bits(), t.getT1()),
                    intents, request, t.getT2()));
        });
    }

    private GatewaySession start(GatewayConnection connection, DiscordTransport transport, DiscordIdentity bot,
                                 Intents intents, SessionOperations.IdentifyRequest request,
                                 List<ServerState> servers) {
        String sessionId = identity.newSessionId();
        GatewaySession session = new GatewaySession(sessionId, bot.userId(), intents,
                identity.nextOwnerToken(), 0, request.status(), store, clock);
        List<DispatchFrame> guilds = new ArrayList<>();
        ObjectNode ready = JSON.objectNode();
        ready.put("v", VERSION);
        ready.set("user", bot.user().deepCopy().put("verified", true).put("mfa_enabled", false));
        var unavailable = ready.putArray("guilds");
        for (ServerState state : servers) {
            session.servers().add(state.serverId());
            state.ensureMember(bot.userId());
            unavailable.addObject().put("id", Long.toString(state.serverId())).put("unavailable", true);
            ObjectNode server = payloads.server(state, bot.userId());
            guilds.add(fanout.frame("GUILD_CREATE", DiscordEncoder.OWN_REF + sessionId + ":" + state.serverId(),
                    encoder.guildCreate(server, bot, state.memberCount(), state.memberRoles(bot.userId()))));
        }
        ready.put("session_id", sessionId);
        ready.put("session_type", "normal");
        ready.put("resume_gateway_url", properties.resumeGatewayUrl());
        ready.putObject("application").put("id", Long.toString(bot.applicationId())).put("flags", bot.flags());
        ready.putArray("private_channels");
        ready.putArray("relationships");
        ready.putArray("presences");
        ready.putArray("guild_join_requests");
        ready.putArray("geo_ordered_rtc_regions");
        ready.putObject("auth");
        ready.putArray("shard").add(0).add(1);
        ready.putArray("_trace").add("guildhall-discord");
        transport.identified(bot);
        session.attach(connection);
        // READY and the GUILD_CREATEs are not journaled: a RESUME continues after them
        store.create(session, 1 + guilds.size());
        synchronized (session) {
            // READY and the guilds take s = 1..n before any event can
            sessions.add(session);
            session.dispatchUnjournaled(fanout.frame("READY", DiscordEncoder.OWN_REF + "ready:" + sessionId, ready));
            guilds.forEach(session::dispatchUnjournaled);
        }
        presence.connect(session);
        return session;
    }
}
