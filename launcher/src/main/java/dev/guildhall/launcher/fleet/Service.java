package dev.guildhall.launcher.fleet;

import java.util.Arrays;

/** The kinds of service in the fleet: Maven module (= name) and conventional port (docs/CONVENTIONS.md). */
public enum Service {
    GATEWAY("gateway-service", 8080),
    AUTH("auth-service", 8081),
    SERVER("server-service", 8082),
    MESSAGE("message-service", 8083),
    VOICE("voice-service", 8084),
    WEBSOCKET("websocket-service", 8085),
    BOT("bot-service", 8087),
    MEDIA("media-node", 8088);

    private final String module;
    private final int basePort;

    Service(String module, int basePort) {
        this.module = module;
        this.basePort = basePort;
    }

    public String module() {
        return module;
    }

    public int basePort() {
        return basePort;
    }

    /**
     * Services the launcher restarts beside a standby instance: the request services (ADR 276) and the media node,
     * whose conferences voice-service moves to the standby node and back (ADR 280). The gateway (port handover, ADR
     * 277) and websocket nodes (op 7, RESUME on another node) have ways of their own.
     */
    public boolean hasStandby() {
        return isRoutedToStandby() || this == MEDIA;
    }

    /**
     * Request services the gateway and other services call by URL: while the launcher restarts one, calls go to its
     * standby (ADR 276, 279). A media node is found through its load reports instead.
     */
    public boolean isRoutedToStandby() {
        return this == AUTH || this == SERVER || this == MESSAGE || this == VOICE || this == BOT;
    }

    public static Service byModule(String module) {
        return Arrays.stream(values()).filter(s -> s.module.equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + module + "; known: "
                        + Arrays.stream(values()).map(Service::module).toList()));
    }
}
