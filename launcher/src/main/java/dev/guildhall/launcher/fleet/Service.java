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

    public static Service byModule(String module) {
        return Arrays.stream(values()).filter(s -> s.module.equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + module + "; known: "
                        + Arrays.stream(values()).map(Service::module).toList()));
    }
}
