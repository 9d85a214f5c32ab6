package dev.guildhall.websocket.session;

import dev.guildhall.websocket.config.GatewayProperties;

/** The timings and limits one connection enforces, in milliseconds. */
public record ConnectionSettings(long heartbeatIntervalMillis, long heartbeatTimeoutMillis, long identifyTimeoutMillis,
                                 int rateLimitFrames, long rateLimitWindowMillis) {

    public static ConnectionSettings from(GatewayProperties p) {
        return new ConnectionSettings(p.heartbeat().interval().toMillis(), p.heartbeat().timeout().toMillis(),
                p.identifyTimeout().toMillis(), p.limits().rateLimitFrames(), p.limits().rateLimitWindow().toMillis());
    }
}
