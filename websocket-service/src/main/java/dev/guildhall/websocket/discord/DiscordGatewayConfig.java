package dev.guildhall.websocket.discord;

import dev.guildhall.websocket.config.GatewayProperties;
import dev.guildhall.websocket.config.NodeIdentity;
import dev.guildhall.websocket.fanout.Fanout;
import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.FrameCodec;
import dev.guildhall.websocket.presence.PresenceService;
import dev.guildhall.websocket.ready.ReadyPayloads;
import dev.guildhall.websocket.ready.SessionService;
import dev.guildhall.websocket.resume.ResumeStore;
import dev.guildhall.websocket.ready.TokenVerifier;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.session.ConnectionSettings;
import dev.guildhall.websocket.session.SessionRegistry;
import dev.guildhall.websocket.upstream.UpstreamClients;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** Wires the Discord-dialect gateway at {@code /gateway/discord} beside the native {@code /gateway}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscordGatewayProperties.class)
public class DiscordGatewayConfig {

    @Bean
    DiscordEncoder discordEncoder(JsonMapper mapper) {
        return new DiscordEncoder(mapper);
    }

    @Bean
    DiscordSessions discordSessions(TokenVerifier verifier, DiscordGatewayProperties properties,
                                    UpstreamClients clients, ServerCache cache, SessionRegistry sessions,
                                    ReadyPayloads payloads, Fanout fanout, DiscordEncoder encoder,
                                    NodeIdentity identity, SessionService nativeSessions, ResumeStore store,
                                    PresenceService presence) {
        return new DiscordSessions(verifier, properties, clients, cache, sessions, payloads, fanout, encoder,
                identity, System::currentTimeMillis, nativeSessions, store, presence);
    }

    @Bean
    DiscordGatewayHandler discordGatewayHandler(SessionRegistry sessions, DiscordSessions discord,
                                                DiscordEncoder encoder, FrameCodec codec, GatewayProperties properties,
                                                WebsocketMetrics metrics) {
        return new DiscordGatewayHandler(sessions, discord, encoder, codec, ConnectionSettings.from(properties),
                System::currentTimeMillis, metrics, properties.limits().sendQueueCapacity());
    }

    @Bean
    HandlerMapping discordGatewayHandlerMapping(DiscordGatewayHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of("/gateway/discord", handler), -1);
    }
}
