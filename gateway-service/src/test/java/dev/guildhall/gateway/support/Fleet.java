package dev.guildhall.gateway.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One stand-in per downstream service, started once per JVM; auth's serves the test JWKS. */
public final class Fleet {

    public static final TestTokens TOKENS = new TestTokens();
    public static final Map<String, StandInService> SERVICES;

    static {
        Map<String, StandInService> services = new LinkedHashMap<>();
        services.put("auth", StandInService.startWithJwks("auth", TOKENS.jwks()));
        for (String name : List.of("server", "message", "voice", "websocket", "bot")) {
            services.put(name, StandInService.start(name));
        }
        SERVICES = Map.copyOf(services);
    }

    private Fleet() {
    }
}
