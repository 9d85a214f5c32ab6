package dev.guildhall.websocket.config;

import dev.guildhall.websocket.fanout.PartitionAssignments;
import dev.guildhall.websocket.fanout.EventRouter;
import dev.guildhall.websocket.fanout.ServerMembership;
import dev.guildhall.websocket.presence.PresenceService;
import dev.guildhall.websocket.ready.SessionService;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.session.GatewayShutdown;
import dev.guildhall.websocket.session.GatewaySweeper;
import dev.guildhall.websocket.session.SessionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Timers, shutdown and health of the gateway. */
@Configuration(proxyBeanMethods = false)
public class LifecycleConfig {

    @Bean
    GatewaySweeper gatewaySweeper(SessionRegistry sessions, SessionService sessionService, ServerCache cache,
                                  ServerMembership membership, EventRouter router, PresenceService presence,
                                  GatewayProperties properties) {
        return new GatewaySweeper(sessions, sessionService, cache, membership, router, presence, properties);
    }

    @Bean
    GatewayShutdown gatewayShutdown(SessionRegistry sessions, NodeLiveness liveness, GatewayProperties properties) {
        return new GatewayShutdown(sessions, liveness, properties.shutdownDrain());
    }

    @Bean
    GatewayHealthIndicator gatewayHealthIndicator(PartitionAssignments consumer, Redis redis, SessionRegistry sessions) {
        return new GatewayHealthIndicator(consumer, redis, sessions);
    }
}
