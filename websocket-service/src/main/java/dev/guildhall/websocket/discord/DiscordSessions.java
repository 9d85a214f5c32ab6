package dev.guildhall.websocket.discord;

import dev.guildhall.common.discord.DiscordObjects;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.security.BotTokens;
import dev.guildhall.websocket.config.NodeIdentity;
import dev.guildhall.websocket.fanout.Fanout;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.ready.ReadyPayloads;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.session.AuthenticationFailedException;
import dev.guildhall.websocket.session.GatewayConnection;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.SessionOperations;
import dev.guildhall.websocket.session.SessionRegistry;
import dev.guildhall.websocket.upstream.UpstreamClients;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Discord-dialect sessions: IDENTIFY with a bot token (verified by bot-service, like everywhere, ADR 152),
 * privileged intents checked against the application's flags (4014), READY in Discord's shape followed by
 * one GUILD_CREATE per available guild, then the ordinary fan-out. The session is a plain {@link
 * GatewaySession} in the node's registry, so the bot gets exactly the events its permissions allow. RESUME
 * is not offered yet (INVALID_SESSION, the library identifies again) and nothing is journaled.
 */
public final class DiscordSessions {

    /** Discord's gateway version. */
    static final int VERSION = 10;
    /** Every intent Discord defines today (bits 0..25). */
    static final long KNOWN_INTENTS = (1L << 26) - 1;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final GatewaySession.Journal NO_JOURNAL = (session, seq, frame) -> { };

    private final WebClient web;
    private final DiscordGatewayProperties properties;
    private final String internalToken;
    private final UpstreamClients clients;
    private final ServerCache cache;
    private final SessionRegistry sessions;
    private final ReadyPayloads payloads;
    private final Fanout fanout;
    private final DiscordEncoder encoder;
    private final NodeIdentity identity;
    private final LongSupplier clock;

    public DiscordSessions(WebClient web, DiscordGatewayProperties properties, String internalToken,
                           UpstreamClients clients, ServerCache cache, SessionRegistry sessions, ReadyPayloads payloads,
                           Fanout fanout, DiscordEncoder encoder, NodeIdentity identity, LongSupplier clock) {
        this.web = web;
        this.properties = properties;
        this.internalToken = internalToken;
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
                return Mono.just(new ResumeOutcome.Invalid());
            }

            @Override
            public void heartbeat(GatewaySession session, long ackedSeq) {
            }

            @Override
            public void presence(GatewaySession session, String status) {
                session.status(status);
            }

            @Override
            public void connectionLost(GatewaySession session, GatewayConnection connection, boolean resumable) {
                // nothing to resume into yet: the session ends with its socket
                sessions.remove(session);
                session.end();
            }
        };
    }

    /** Why an IDENTIFY is refused with one of Discord's own close codes. */
    enum Refusal {
        INVALID_INTENTS(4013, "Invalid intent(s)"),
        DISALLOWED_INTENTS(4014, "Disallowed intent(s)");

        final int code;
        final String reason;

        Refusal(int code, String reason) {
            this.code = code;
            this.reason = reason;
        }
    }

    /** Which privileged intent each application flag grants (Discord's bits, limited or not). */
    static Refusal checkIntents(long intents, long flags) {
        if (intents < 0 || (intents & ~KNOWN_INTENTS) != 0) {
            return Refusal.INVALID_INTENTS;
        }
        boolean members = (flags & ((1L << 14) | (1L << 15))) != 0;
        boolean presences = (flags & ((1L << 12) | (1L << 13))) != 0;
        boolean content = (flags & ((1L << 18) | (1L << 19))) != 0;
        if ((intents & (1L << 1)) != 0 && !members
                || (intents & (1L << 8)) != 0 && !presences
                || (intents & DiscordEncoder.MESSAGE_CONTENT) != 0 && !content) {
            return Refusal.DISALLOWED_INTENTS;
        }
        return null;
    }

    private Mono<GatewaySession> identify(GatewayConnection connection, DiscordTransport transport,
                                          SessionOperations.IdentifyRequest request) {
        String token = request.token();
        if (token.regionMatches(true, 0, BotTokens.SCHEME, 0, BotTokens.SCHEME.length())) {
            token = token.substring(BotTokens.SCHEME.length()).strip();
        }
        long intents = request.intents().bits();
        return verify(token).flatMap(verified -> {
            long userId = Long.parseLong(verified.path("user_id").asString());
            long applicationId = Long.parseLong(verified.path("application_id").asString());
            long flags = verified.path("flags").asLong(0);
            Refusal refusal = checkIntents(intents, flags);
            if (refusal != null) {
                transport.close(refusal.code, refusal.reason, true);
                return Mono.empty();
            }
            Mono<ObjectNode> user = profile(userId);
            Mono<List<ServerState>> servers = clients.serverIdsOf(userId)
                    .flatMap(ids -> Flux.fromIterable(ids).flatMap(id -> cache.load(id)
                            .onErrorResume(e -> Mono.empty()), 8).collectList());
            return Mono.zip(user, servers).map(t -> start(connection, transport,
                    new DiscordIdentity(userId, applicationId, flags, intents, t.getT1()), request, t.getT2()));
        });
    }

    private GatewaySession start(GatewayConnection connection, DiscordTransport transport, DiscordIdentity bot,
                                 SessionOperations.IdentifyRequest request, List<ServerState> servers) {
        String sessionId = identity.newSessionId();
        GatewaySession session = new GatewaySession(sessionId, bot.userId(), request.intents(),
                identity.nextOwnerToken(), 0, request.status(), NO_JOURNAL, clock);
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
        synchronized (session) {
            // READY and the guilds take s = 1..n before any event can
            sessions.add(session);
            session.dispatchUnjournaled(fanout.frame("READY", DiscordEncoder.OWN_REF + "ready:" + sessionId, ready));
            guilds.forEach(session::dispatchUnjournaled);
        }
        return session;
    }

    private Mono<JsonNode> verify(String token) {
        if (BotTokens.claimedUserId(token).isEmpty()) {
            return Mono.error(new AuthenticationFailedException("not a bot token"));
        }
        return web.post().uri(properties.botUrl() + BotTokens.VERIFY_PATH)
                .header(InternalApi.TOKEN_HEADER, internalToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .timeout(properties.callTimeout())
                .onErrorMap(WebClientResponseException.class, e -> e.getStatusCode() == HttpStatus.NOT_FOUND
                        ? new AuthenticationFailedException("unknown bot token") : e);
    }

    /** The bot's Discord user object from auth-service's profile (its name is its own, not the token's). */
    private Mono<ObjectNode> profile(long userId) {
        return web.get().uri(properties.authUrl() + "/internal/users?ids=" + userId)
                .header(InternalApi.TOKEN_HEADER, internalToken)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .timeout(properties.callTimeout())
                .map(list -> {
                    JsonNode found = list.isArray() && !list.isEmpty() ? list.get(0)
                            : JSON.objectNode().put("user_id", Long.toString(userId)).put("username", "bot");
                    return DiscordObjects.user(found, true);
                });
    }
}
