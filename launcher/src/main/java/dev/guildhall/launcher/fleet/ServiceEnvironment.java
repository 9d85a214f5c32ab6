package dev.guildhall.launcher.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The environment variables a service process gets (docs/CONVENTIONS.md is the contract). */
public final class ServiceEnvironment {

    /** Variables of the launcher itself, never handed to services. */
    private static final Set<String> LAUNCHER_ONLY = Set.of("GUILDHALL_JAVA_OPTS", "GUILDHALL_S3MOCK_JAR", "GUILDHALL_WORKER_ID", "GUILDHALL_BIND_ADDRESS");

    private ServiceEnvironment() {
    }

    /**
     * How long a stopping request service serves with readiness refusing traffic (ADR 276): four of the gateway's
     * 500 ms readiness polls.
     */
    static final String DRAIN_DELAY = "2s";

    /**
     * How long a stopping media node waits for its endpoints to move to the other node (ADR 280): voice-service's
     * watchdog round (2 s), the clients' switch within its move grace (8 s, ADR 281) and a round to free them.
     */
    static final String MEDIA_DRAIN_TIMEOUT = "25s";

    /** The media node's id when none is configured (media-node's application.yml). */
    static final String DEFAULT_MEDIA_NODE_ID = "media-1";

    /**
     * How long an instance that has just become ready takes to get its full share of the requests at the gateway
     * (ADR 278): a restart beside a standby waits this long after each start before it stops the other instance.
     */
    static final Duration STANDBY_SLOW_START = Duration.ofSeconds(15);

    /** Where every service but the gateway listens (ADR 140). */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * The computed variables for one instance, then {@code config.extraEnv()} on top. Everything
     * that names a port follows the fleet's offset, so a test fleet's gateway tells clients to
     * resume against itself, not against a developer's fleet on 8080. Only the gateway listens on
     * {@link FleetConfig#publicAddress()}; every other service on loopback (ADR 140).
     */
    public static Map<String, String> forInstance(ServiceInstance instance, Endpoints endpoints, FleetSecrets secrets,
                                                  FleetConfig config) {
        Ports ports = config.ports();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(instance.port()));
        // Spring's server.address; unset for a wildcard gateway: Spring's default is every interface, IPv6 too
        if (instance.service() != Service.GATEWAY) {
            env.put("SERVER_ADDRESS", LOOPBACK);
        } else if (!config.publicAddressIsWildcard()) {
            env.put("SERVER_ADDRESS", config.publicAddress());
        }
        if (instance.service() == Service.MEDIA && !config.publicAddressIsWildcard() && !config.publicAddressIsLoopback()) {
            // the UDP port follows a chosen address; unset, the node picks the ordinary interface (ADR 091),
            // which a browser on this machine needs for ICE even when the gateway is on loopback
            env.put("GUILDHALL_MEDIA_PUBLIC_ADDRESS", config.publicAddress());
        }
        env.put("GUILDHALL_WORKER_ID", String.valueOf(instance.workerId()));
        env.put("GUILDHALL_DB_URL_GLOBAL", endpoints.dbUrlGlobal());
        env.put("GUILDHALL_DB_URL_SHARDS", endpoints.dbUrlShards());
        env.put("GUILDHALL_DB_USERNAME", endpoints.dbUsername());
        env.put("GUILDHALL_DB_PASSWORD", endpoints.dbPassword());
        env.put("GUILDHALL_REDIS_URL", endpoints.redisUrl());
        env.put("GUILDHALL_KAFKA_BOOTSTRAP", endpoints.kafkaBootstrap());
        env.put("GUILDHALL_S3_ENDPOINT", endpoints.s3Endpoint());
        env.put("GUILDHALL_S3_BUCKET", endpoints.s3Bucket());
        env.put("GUILDHALL_S3_ACCESS_KEY", endpoints.s3AccessKey());
        env.put("GUILDHALL_S3_SECRET_KEY", endpoints.s3SecretKey());
        env.put("GUILDHALL_S3_REGION", endpoints.s3Region());
        String auth = "http://localhost:" + ports.service(Service.AUTH, 1);
        env.put("GUILDHALL_JWKS_URI", auth + "/.well-known/jwks.json");
        env.put("GUILDHALL_TOKEN_ISSUER", auth);
        env.put("GUILDHALL_INTERNAL_TOKEN", secrets.internalToken());
        env.put("GUILDHALL_VOICE_TOKEN_SECRET", secrets.voiceTokenSecret());
        env.put("GUILDHALL_ATTACHMENT_LINK_SECRET", secrets.attachmentLinkSecret());
        if (instance.service() == Service.AUTH) {
            // only auth-service holds the key that seals its signing keys and TOTP seeds
            env.put("GUILDHALL_AUTH_SECRET_KEY", secrets.authSecretKey());
        }
        env.put("GUILDHALL_AUTH_URL", auth);
        env.put("GUILDHALL_SERVER_URL", "http://localhost:" + ports.service(Service.SERVER, 1));
        env.put("GUILDHALL_MESSAGE_URL", "http://localhost:" + ports.service(Service.MESSAGE, 1));
        env.put("GUILDHALL_VOICE_URL", "http://localhost:" + ports.service(Service.VOICE, 1));
        env.put("GUILDHALL_WEBSOCKET_URL", "http://localhost:" + ports.service(Service.WEBSOCKET, 1));
        List<String> websocketUrls = new ArrayList<>();
        for (int i = 1; i <= config.websocketInstances(); i++) {
            websocketUrls.add("http://localhost:" + ports.service(Service.WEBSOCKET, i));
        }
        env.put("GUILDHALL_WEBSOCKET_URLS", String.join(",", websocketUrls));
        env.put("GUILDHALL_BOT_URL", "http://localhost:" + ports.service(Service.BOT, 1));
        if (instance.service() == Service.GATEWAY) {
            // a restart starts the successor on the same port before this one stops (ADR 277)
            env.put("GUILDHALL_GATEWAY_REUSE_PORT", "true");
            // a fresh instance's share of the requests grows over this long (ADR 278); Fleet waits as long
            env.put("GUILDHALL_STANDBY_SLOW_START", STANDBY_SLOW_START.toMillis() + "ms");
            // where a service's standby runs while the launcher restarts it (ADR 276); asked, never assumed, up
            for (Service s : Service.values()) {
                if (s.isRoutedToStandby() && config.services().contains(s)) {
                    env.put("GUILDHALL_" + s.name() + "_STANDBY_URL", "http://localhost:" + ports.standby(s));
                }
            }
        }
        if (instance.service() != Service.GATEWAY) {
            // a call to a service that refuses the connection while the launcher restarts it goes to its standby (ADR 279)
            List<String> standbys = new ArrayList<>();
            for (Service s : Service.values()) {
                if (s.isRoutedToStandby() && config.services().contains(s)) {
                    standbys.add("http://localhost:" + ports.service(s, 1) + "=http://localhost:" + ports.standby(s));
                }
            }
            env.put("GUILDHALL_STANDBY_URLS", String.join(",", standbys));
        }
        if (instance.service().isRoutedToStandby()) {
            // a stopping instance keeps serving this long while the gateway moves its requests to the standby
            env.put("GUILDHALL_SHUTDOWN_DRAIN_DELAY", DRAIN_DELAY);
        }
        env.put("GUILDHALL_MEDIA_URL", "http://localhost:" + ports.service(Service.MEDIA, 1));
        // not (yet) in CONVENTIONS: lets a test fleet's media node stay off the developer's UDP port
        env.put("GUILDHALL_MEDIA_UDP_PORT", String.valueOf(ports.mediaUdp()));
        String gateway = "localhost:" + ports.service(Service.GATEWAY, 1);
        env.put("GUILDHALL_RESUME_GATEWAY_URL", "ws://" + gateway + "/gateway");
        env.put("GUILDHALL_MEDIA_SIGNAL_BASE_URL", "ws://" + gateway + "/media");
        // attachment links are absolute URLs through the gateway (ADR 162)
        env.put("GUILDHALL_PUBLIC_URL", "http://" + gateway);
        env.put("GUILDHALL_CORS_ALLOWED_ORIGINS", "http://" + gateway + ",http://localhost:5173");
        env.put("GUILDHALL_WEB_ROOT", config.repoRoot().resolve("web-client").resolve("dist").toString());
        if (instance.service() == Service.MEDIA) {
            // a stopping node keeps forwarding until voice-service has moved its conferences to the other (ADR 280)
            env.put("GUILDHALL_MEDIA_DRAIN_TIMEOUT", MEDIA_DRAIN_TIMEOUT);
        }
        env.putAll(config.extraEnv());
        if (instance.service() == Service.MEDIA && instance.isStandby()) {
            // a node of its own beside the first: its own id in voice tokens and load reports, its own UDP port
            env.put("GUILDHALL_MEDIA_NODE_ID", env.getOrDefault("GUILDHALL_MEDIA_NODE_ID", DEFAULT_MEDIA_NODE_ID) + "-standby");
            env.put("GUILDHALL_MEDIA_UDP_PORT", String.valueOf(ports.mediaUdpStandby()));
        }
        return env;
    }

    /**
     * The launcher's own {@code GUILDHALL_*} variables that services should see too (for example
     * {@code GUILDHALL_SHARD_ASSIGNMENT}, {@code GUILDHALL_INTERNAL_TOKEN}), without the ones that
     * would point a service away from an embedded piece the launcher starts.
     */
    public static Map<String, String> passThrough(Map<String, String> launcherEnv, ExternalInfra external) {
        Map<String, String> pass = new LinkedHashMap<>();
        launcherEnv.forEach((name, value) -> {
            if (name.startsWith("GUILDHALL_") && !LAUNCHER_ONLY.contains(name) && keeps(name, external)) {
                pass.put(name, value);
            }
        });
        return pass;
    }

    private static boolean keeps(String name, ExternalInfra external) {
        if (name.startsWith("GUILDHALL_DB_")) {
            return external.hasDatabase();
        }
        if (name.equals("GUILDHALL_REDIS_URL")) {
            return external.hasRedis();
        }
        if (name.equals("GUILDHALL_KAFKA_BOOTSTRAP")) {
            return external.hasKafka();
        }
        if (name.equals("GUILDHALL_S3_ENDPOINT")) {
            return external.hasS3();
        }
        return true;
    }
}
