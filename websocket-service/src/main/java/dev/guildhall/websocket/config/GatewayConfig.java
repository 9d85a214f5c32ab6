package dev.guildhall.websocket.config;

import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.security.TokenVerification;
import dev.guildhall.support.client.StandbyOrigins;
import dev.guildhall.support.security.TokenRevocations;
import dev.guildhall.websocket.fanout.EventConsumer;
import dev.guildhall.websocket.fanout.EventDeduplicator;
import dev.guildhall.websocket.fanout.EventParser;
import dev.guildhall.websocket.fanout.EventRouter;
import dev.guildhall.websocket.fanout.Fanout;
import dev.guildhall.websocket.fanout.ParkedEvents;
import dev.guildhall.websocket.fanout.RecentDispatches;
import dev.guildhall.websocket.fanout.ServerMembership;
import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.presence.KafkaPresencePublisher;
import dev.guildhall.websocket.presence.PresenceService;
import dev.guildhall.websocket.protocol.FrameCodec;
import dev.guildhall.websocket.ready.BotTokenCheck;
import dev.guildhall.websocket.ready.ReadyPayloads;
import dev.guildhall.websocket.ready.SessionService;
import dev.guildhall.websocket.ready.TokenVerifier;
import dev.guildhall.websocket.resume.ResumeService;
import dev.guildhall.websocket.resume.ResumeStore;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.session.ConnectionSettings;
import dev.guildhall.support.websocket.FrameGuardCustomizer;
import dev.guildhall.websocket.session.GatewayWebSocketHandler;
import dev.guildhall.websocket.session.RevokedSessions;
import dev.guildhall.websocket.session.SessionRegistry;
import dev.guildhall.websocket.upstream.StandbyFallbackFilter;
import dev.guildhall.websocket.upstream.Upstream;
import dev.guildhall.websocket.upstream.UpstreamClients;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/** Wires the gateway: protocol, sessions, permission cache, fan-out, resume, presence, upstreams. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({GatewayProperties.class, UpstreamProperties.class})
public class GatewayConfig {

    private static final LongSupplier CLOCK = System::currentTimeMillis;

    @Bean
    NodeIdentity nodeIdentity(GatewayProperties properties) {
        return new NodeIdentity(properties.instanceId());
    }

    @Bean
    WebsocketMetrics websocketMetrics(MeterRegistry registry, SessionRegistry sessions) {
        WebsocketMetrics metrics = new WebsocketMetrics(registry);
        metrics.bind(sessions);
        return metrics;
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistry();
    }

    /** Live sessions of a revoked access token end at once (ADR 251). */
    @Bean
    RevokedSessions revokedSessions(SessionRegistry sessions, TokenRevocations revocations) {
        return new RevokedSessions(sessions, revocations);
    }

    @Bean
    FrameCodec frameCodec(JsonMapper mapper, GatewayProperties properties) {
        return new FrameCodec(mapper, properties.limits().maxPayloadBytes());
    }

    /**
     * Event loops and connection pools of this application context, not Reactor Netty's JVM-wide
     * ones: closing one context (a node shutting down in a multi-node test) must not stop another's.
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    // --- upstream services ---

    /** Where the launcher runs a standby of a service it restarts (GUILDHALL_STANDBY_URLS, ADR 279). */
    @Bean
    StandbyFallbackFilter standbyFallback(@Value("${guildhall.client.standbys:}") String standbys) {
        return new StandbyFallbackFilter(StandbyOrigins.of(List.of(standbys.split(","))));
    }

    @Bean
    UpstreamClients upstreamClients(UpstreamProperties properties, CircuitBreakerRegistry breakers,
                                    TimeLimiterRegistry limiters, JsonMapper mapper, ReactorResourceFactory resources,
                                    StandbyFallbackFilter standbys) {
        WebClient web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(resources, client -> client
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                .filter(standbys)
                .build();
        return new UpstreamClients(
                upstream("auth-service", properties.authUrl(), web, breakers, limiters, mapper),
                upstream("server-service", properties.serverUrl(), web, breakers, limiters, mapper),
                upstream("message-service", properties.messageUrl(), web, breakers, limiters, mapper),
                upstream("voice-service", properties.voiceUrl() == null ? "http://localhost:8084" : properties.voiceUrl(),
                        web, breakers, limiters, mapper),
                properties);
    }

    private static Upstream upstream(String name, String url, WebClient web, CircuitBreakerRegistry breakers,
                                     TimeLimiterRegistry limiters, JsonMapper mapper) {
        return new Upstream(name, url, web, breakers.circuitBreaker(name), limiters.timeLimiter(name), mapper);
    }

    @Bean
    TokenVerifier tokenVerifier(@Value("${guildhall.security.jwk-set-uri}") String jwkSetUri,
                                @Value("${guildhall.security.issuer}") String issuer,
                                @Value("${guildhall.security.audience}") String audience, BotTokenCheck bots,
                                TokenRevocations revocations) {
        // a token revoked by logout or a password change is refused at IDENTIFY and RESUME too (4004, ADR 208)
        return new TokenVerifier(revocations.checking(TokenVerification.reactiveDecoder(jwkSetUri, issuer, audience)),
                bots);
    }

    /** Bot tokens at IDENTIFY, verified by bot-service like everywhere else (ADRs 152, 167). */
    @Bean
    BotTokenCheck botTokenCheck(@Value("${guildhall.bot-tokens.url}") String url,
                                @Value("${guildhall.bot-tokens.timeout:2s}") Duration timeout,
                                @Value("${guildhall.bot-tokens.valid-for:5s}") Duration validFor,
                                @Value("${guildhall.bot-tokens.invalid-for:2s}") Duration invalidFor,
                                UpstreamProperties upstream, ReactorResourceFactory resources,
                                StandbyFallbackFilter standbys) {
        WebClient web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(resources, client -> client
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())))
                .filter(standbys)
                .build();
        return new BotTokenCheck(web, url, upstream.internalToken(), timeout, validFor, invalidFor);
    }

    // --- permission cache and fan-out ---

    @Bean
    ServerCache serverCache(UpstreamClients clients) {
        return new ServerCache(clients, CLOCK);
    }

    @Bean
    RecentDispatches recentDispatches(GatewayProperties properties) {
        return new RecentDispatches(properties.fanout().recentRetention().toMillis(), properties.fanout().recentMax(), CLOCK);
    }

    @Bean
    Fanout fanout(SessionRegistry sessions, RecentDispatches recent, FrameCodec codec, WebsocketMetrics metrics) {
        return new Fanout(sessions, recent, codec, metrics);
    }

    @Bean
    ReadyPayloads readyPayloads(GatewayProperties properties) {
        return new ReadyPayloads(properties.apiVersion(), properties.resumeGatewayUrl());
    }

    @Bean
    ServerMembership serverMembership(ServerCache cache, SessionRegistry sessions, Fanout fanout, ReadyPayloads payloads,
                                      ResumeStore store, UpstreamProperties upstream) {
        return new ServerMembership(cache, sessions, fanout, payloads::server, store::saveServers, CLOCK,
                upstream.snapshotRetry().toMillis());
    }

    @Bean
    EventRouter eventRouter(ServerCache cache, Fanout fanout, ServerMembership membership,
                            GatewayProperties properties) {
        return new EventRouter(cache, fanout, new ParkedEvents(10_000, properties.fanout().recentRetention().toMillis()),
                membership, CLOCK);
    }

    /** Sizes of the node's internal structures, next to the domain metrics. */
    @Bean
    MeterBinder gatewayGauges(WebsocketMetrics metrics, ServerCache cache, EventRouter router, RecentDispatches recent,
                              ResumeStore store) {
        return registry -> {
            metrics.gauge("guildhall.gateway.servers.cached", "Servers whose permission snapshot this node holds", cache::size);
            metrics.gauge("guildhall.gateway.events.parked", "Channel events waiting for their channel", router.parked()::size);
            metrics.gauge("guildhall.gateway.recent.dispatches", "Dispatches kept for resume gap-filling", recent::size);
            metrics.gauge("guildhall.gateway.journal.backlog", "Journal appends waiting for Redis", store::journalBacklog);
        };
    }

    @Bean
    EventConsumer eventConsumer(JsonMapper mapper, GatewayProperties properties, EventRouter router,
                                WebsocketMetrics metrics) {
        return new EventConsumer(new EventParser(mapper), new EventDeduplicator(properties.fanout().dedupeCapacity()),
                router, metrics);
    }

    // --- Redis: resume and presence ---

    @Bean(destroyMethod = "close")
    Redis redis(GatewayProperties properties) {
        return new Redis(properties.redisUrl());
    }

    @Bean
    ResumeStore resumeStore(Redis redis, WebsocketMetrics metrics, GatewayProperties properties) {
        long ttl = properties.resume().window().toMillis() + properties.heartbeat().timeout().toMillis();
        return new ResumeStore(redis, metrics, CLOCK, ttl, properties.fanout().recentRetention().toMillis(),
                properties.resume().bufferMax());
    }

    @Bean
    PresenceService presenceService(Redis redis, KafkaPresencePublisher publisher, GatewayProperties properties) {
        // a session counts as present for one heartbeat timeout after its last heartbeat
        return new PresenceService(redis, publisher, CLOCK, properties.heartbeat().timeout().toMillis() + 5_000);
    }

    @Bean
    KafkaPresencePublisher kafkaPresencePublisher(org.springframework.kafka.core.KafkaTemplate<String, String> kafka,
                                                  JsonMapper mapper, @Value("${guildhall.websocket.worker-id:-1}") int workerId) {
        int worker = workerId >= 0 ? workerId : 512 + ThreadLocalRandom.current().nextInt(512);
        return new KafkaPresencePublisher(kafka, mapper, new SnowflakeGenerator(worker));
    }

    // --- sessions ---

    @Bean
    ResumeService resumeService(TokenVerifier verifier, ResumeStore store, ServerCache cache, SessionRegistry sessions,
                                RecentDispatches recent, Fanout fanout, PresenceService presence, NodeIdentity identity,
                                NodeLiveness liveness, WebsocketMetrics metrics, GatewayProperties properties) {
        // what a RESUME delivered is remembered for the resume window: a node lagging behind the previous one
        // fans out its own copies of the replayed events as late as it lags (ADR 262)
        return new ResumeService(verifier, store, cache, sessions, recent, fanout, presence, identity, liveness, metrics,
                CLOCK, properties.resume().window().toMillis());
    }

    @Bean
    NodeLiveness nodeLiveness(Redis redis, NodeIdentity identity) {
        return new NodeLiveness(redis, identity);
    }

    @Bean
    SessionService sessionService(TokenVerifier verifier, UpstreamClients clients, ServerCache cache,
                                  SessionRegistry sessions, ResumeStore store, ResumeService resumes,
                                  PresenceService presence, Fanout fanout, ReadyPayloads payloads,
                                  NodeIdentity identity, WebsocketMetrics metrics) {
        return new SessionService(verifier, clients, cache, sessions, store, resumes, presence, fanout, payloads,
                identity, metrics, CLOCK);
    }

    // --- the WebSocket endpoint ---

    @Bean
    GatewayWebSocketHandler gatewayWebSocketHandler(SessionRegistry sessions, SessionService operations,
                                                    FrameCodec codec, GatewayProperties properties,
                                                    WebsocketMetrics metrics) {
        return new GatewayWebSocketHandler(sessions, operations, codec, ConnectionSettings.from(properties), CLOCK,
                metrics, properties.limits().sendQueueCapacity());
    }

    @Bean
    HandlerMapping gatewayHandlerMapping(GatewayWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of("/gateway", handler), -1);
    }

    /** RSV bits and oversized frames answered with their close codes, 1002 and 1009 (ADR 207). */
    @Bean
    FrameGuardCustomizer frameGuardCustomizer() {
        return new FrameGuardCustomizer(GatewayWebSocketHandler.MAX_FRAME_BYTES);
    }

    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter() {
        return new WebSocketHandlerAdapter(new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(GatewayWebSocketHandler.MAX_FRAME_BYTES))));
    }
}
