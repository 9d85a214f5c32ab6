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
     * Request services the gateway routes to by URL: the launcher restarts them beside a standby instance, so requests
     * are served throughout (ADR 276). The gateway itself, websocket nodes (op 7, RESUME on another node) and the
     * media node (conference moves) have ways of their own.
     */
    public boolean hasStandby() {
        return this == AUTH || this == SERVER || this == MESSAGE || this == VOICE || this == BOT;
    }

    public static Service byModule(String module) {
        return Arrays.stream(values()).filter(s -> s.module.equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + module + "; known: "
                        + Arrays.stream(values()).map(Service::module).toList()));
    }
}
