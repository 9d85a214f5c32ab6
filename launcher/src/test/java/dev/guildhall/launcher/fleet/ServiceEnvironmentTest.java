package dev.guildhall.launcher.fleet;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceEnvironmentTest {

    private final Path root = Path.of("/srv/guildhall");
    private final FleetSecrets secrets = new FleetSecrets("internal-" + "x".repeat(40), "voice-" + "y".repeat(40),
            "access-" + "a".repeat(20), "s3-" + "s".repeat(40), "links-" + "l".repeat(40),
            java.util.Base64.getEncoder().encodeToString(new byte[32]));

    private Map<String, String> env(FleetConfig config, String name) {
        ServiceInstance instance = config.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
        return ServiceEnvironment.forInstance(instance,
                Endpoints.of(config.external(), config.ports(), config.extraEnv(), secrets), secrets, config);
    }

    @Test
    void theGatewayKnowsWhereStandbysRunAndRequestServicesDrainOnStop() {
        FleetConfig config = FleetConfig.builder(root).build();
        assertThat(env(config, "gateway-service"))
                .containsEntry("GUILDHALL_AUTH_STANDBY_URL", "http://localhost:8131")
                .containsEntry("GUILDHALL_SERVER_STANDBY_URL", "http://localhost:8132")
                .containsEntry("GUILDHALL_MESSAGE_STANDBY_URL", "http://localhost:8133")
                .containsEntry("GUILDHALL_VOICE_STANDBY_URL", "http://localhost:8134")
                .containsEntry("GUILDHALL_BOT_STANDBY_URL", "http://localhost:8137")
                .containsEntry("GUILDHALL_GATEWAY_REUSE_PORT", "true")
                .containsEntry("GUILDHALL_STANDBY_SLOW_START", "15000ms")
                .doesNotContainKey("GUILDHALL_SHUTDOWN_DRAIN_DELAY");
        assertThat(env(config, "message-service")).containsEntry("GUILDHALL_SHUTDOWN_DRAIN_DELAY", "2s")
                .doesNotContainKey("GUILDHALL_MESSAGE_STANDBY_URL");
        assertThat(env(config, "websocket-service")).doesNotContainKey("GUILDHALL_SHUTDOWN_DRAIN_DELAY");
        assertThat(env(config, "bot-service")).containsEntry("GUILDHALL_STANDBY_URLS",
                "http://localhost:8081=http://localhost:8131,http://localhost:8082=http://localhost:8132,"
                        + "http://localhost:8083=http://localhost:8133,http://localhost:8084=http://localhost:8134,"
                        + "http://localhost:8087=http://localhost:8137");
        assertThat(env(config, "gateway-service")).doesNotContainKey("GUILDHALL_STANDBY_URLS");

        ServiceInstance message = config.instances().stream().filter(i -> i.name().equals("message-service")).findFirst().orElseThrow();
        ServiceInstance standby = config.standbyOf(message).orElseThrow();
        assertThat(standby.name()).isEqualTo("message-service-standby");
        assertThat(standby.workerId()).isNotEqualTo(message.workerId());
        assertThat(config.instances()).extracting(ServiceInstance::workerId).doesNotContain(standby.workerId());
        assertThat(ServiceEnvironment.forInstance(standby, Endpoints.of(config.external(), config.ports(), config.extraEnv(), secrets),
                secrets, config)).containsEntry("PORT", "8133")
                .containsEntry("GUILDHALL_WORKER_ID", String.valueOf(standby.workerId()));
    }

    @Test
    void aStandbyMediaNodeIsANodeOfItsOwnAndBothDrainTheirConferencesOnStop() {
        FleetConfig config = FleetConfig.builder(root).build();
        ServiceInstance media = config.instances().stream().filter(i -> i.name().equals("media-node")).findFirst().orElseThrow();
        ServiceInstance standby = config.standbyOf(media).orElseThrow();
        Map<String, String> first = env(config, "media-node");
        Map<String, String> second = ServiceEnvironment.forInstance(standby,
                Endpoints.of(config.external(), config.ports(), config.extraEnv(), secrets), secrets, config);

        assertThat(first).containsEntry("GUILDHALL_MEDIA_DRAIN_TIMEOUT", "25s").containsEntry("GUILDHALL_MEDIA_UDP_PORT", "10000")
                .doesNotContainKey("GUILDHALL_MEDIA_NODE_ID").doesNotContainKey("GUILDHALL_SHUTDOWN_DRAIN_DELAY");
        assertThat(second).containsEntry("PORT", "8138").containsEntry("GUILDHALL_MEDIA_NODE_ID", "media-1-standby")
                .containsEntry("GUILDHALL_MEDIA_UDP_PORT", "10001").containsEntry("GUILDHALL_MEDIA_DRAIN_TIMEOUT", "25s");
        assertThat(env(config, "gateway-service")).doesNotContainKey("GUILDHALL_MEDIA_STANDBY_URL");
        assertThat(env(config, "voice-service").get("GUILDHALL_STANDBY_URLS")).doesNotContain("8138");
    }

    @Test
    void embeddedDefaultsFollowTheConventions() {
        Map<String, String> env = env(FleetConfig.builder(root).build(), "message-service");
        assertThat(env).containsEntry("PORT", "8083")
                .containsEntry("GUILDHALL_REDIS_URL", "redis://127.0.0.1:16379")
                .containsEntry("GUILDHALL_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
                .containsEntry("GUILDHALL_DB_USERNAME", "root")
                .containsEntry("GUILDHALL_DB_PASSWORD", "")
                .containsEntry("GUILDHALL_S3_ENDPOINT", "http://127.0.0.1:19000")
                .containsEntry("GUILDHALL_S3_BUCKET", "guildhall")
                .containsEntry("GUILDHALL_S3_ACCESS_KEY", secrets.s3AccessKey())
                .containsEntry("GUILDHALL_S3_SECRET_KEY", secrets.s3SecretKey())
                .containsEntry("GUILDHALL_S3_REGION", "us-east-1")
                .containsEntry("GUILDHALL_JWKS_URI", "http://localhost:8081/.well-known/jwks.json")
                .containsEntry("GUILDHALL_TOKEN_ISSUER", "http://localhost:8081")
                .containsEntry("GUILDHALL_INTERNAL_TOKEN", secrets.internalToken())
                .containsEntry("GUILDHALL_VOICE_TOKEN_SECRET", secrets.voiceTokenSecret())
                .containsEntry("GUILDHALL_ATTACHMENT_LINK_SECRET", secrets.attachmentLinkSecret())
                .containsEntry("GUILDHALL_PUBLIC_URL", "http://localhost:8080")
                .containsEntry("GUILDHALL_AUTH_URL", "http://localhost:8081")
                .containsEntry("GUILDHALL_SERVER_URL", "http://localhost:8082")
                .containsEntry("GUILDHALL_MESSAGE_URL", "http://localhost:8083")
                .containsEntry("GUILDHALL_VOICE_URL", "http://localhost:8084")
                .containsEntry("GUILDHALL_WEBSOCKET_URL", "http://localhost:8085")
                .containsEntry("GUILDHALL_BOT_URL", "http://localhost:8087")
                .containsEntry("GUILDHALL_MEDIA_URL", "http://localhost:8088")
                .containsEntry("GUILDHALL_WEBSOCKET_URLS", "http://localhost:8085,http://localhost:8086")
                .containsEntry("GUILDHALL_RESUME_GATEWAY_URL", "ws://localhost:8080/gateway")
                .containsEntry("GUILDHALL_CORS_ALLOWED_ORIGINS", "http://localhost:8080,http://localhost:5173")
                .containsEntry("GUILDHALL_WEB_ROOT", "/srv/guildhall/web-client/dist");
        assertThat(env.get("GUILDHALL_DB_URL_GLOBAL")).startsWith("jdbc:mysql://127.0.0.1:13306/guildhall_global?");
        assertThat(env.get("GUILDHALL_DB_URL_SHARDS").split(","))
                .hasSize(2)
                .satisfiesExactly(
                        u -> assertThat(u).startsWith("jdbc:mysql://127.0.0.1:13306/guildhall_shard_0?"),
                        u -> assertThat(u).startsWith("jdbc:mysql://127.0.0.1:13306/guildhall_shard_1?"));
    }

    @Test
    void eachProcessGetsItsOwnPortAndWorkerId() {
        FleetConfig config = FleetConfig.builder(root).build();
        Map<String, String> first = env(config, "websocket-service");
        Map<String, String> second = env(config, "websocket-service-2");
        assertThat(first.get("PORT")).isEqualTo("8085");
        assertThat(second.get("PORT")).isEqualTo("8086");
        // ADR 051's blocks, as compose and Kubernetes give them
        assertThat(first.get("GUILDHALL_WORKER_ID")).isEqualTo("320");
        assertThat(second.get("GUILDHALL_WORKER_ID")).isEqualTo("321");
        assertThat(env(config, "gateway-service").get("GUILDHALL_WORKER_ID")).isEqualTo("0");
        assertThat(env(config, "media-node").get("GUILDHALL_WORKER_ID")).isEqualTo("512");
    }

    @Test
    void theOffsetMovesServiceUrlsAndInfrastructure() {
        Map<String, String> env = env(FleetConfig.builder(root).portOffset(1000).build(), "gateway-service");
        assertThat(env).containsEntry("PORT", "9080")
                .containsEntry("GUILDHALL_AUTH_URL", "http://localhost:9081")
                .containsEntry("GUILDHALL_WEBSOCKET_URLS", "http://localhost:9085,http://localhost:9086")
                .containsEntry("GUILDHALL_RESUME_GATEWAY_URL", "ws://localhost:9080/gateway")
                .containsEntry("GUILDHALL_JWKS_URI", "http://localhost:9081/.well-known/jwks.json")
                .containsEntry("GUILDHALL_REDIS_URL", "redis://127.0.0.1:17379")
                .containsEntry("GUILDHALL_KAFKA_BOOTSTRAP", "127.0.0.1:20092")
                .containsEntry("GUILDHALL_S3_ENDPOINT", "http://127.0.0.1:20000");
        assertThat(env.get("GUILDHALL_DB_URL_GLOBAL")).startsWith("jdbc:mysql://127.0.0.1:14306/");
    }

    @Test
    void externalInfrastructureIsPassedAsGiven() {
        Map<String, String> launcherEnv = Map.of(
                "GUILDHALL_DB_URL_GLOBAL", "jdbc:mysql://db:3306/g",
                "GUILDHALL_DB_URL_SHARDS", "jdbc:mysql://db:3306/s0,jdbc:mysql://db2:3306/s1",
                "GUILDHALL_DB_USERNAME", "app",
                "GUILDHALL_DB_PASSWORD", "pw",
                "GUILDHALL_REDIS_URL", "redis://cache:6379",
                "GUILDHALL_KAFKA_BOOTSTRAP", "k1:9092,k2:9092",
                "GUILDHALL_S3_ENDPOINT", "http://minio:9000",
                "GUILDHALL_S3_BUCKET", "files");
        ExternalInfra external = ExternalInfra.fromEnvironment(launcherEnv);
        FleetConfig config = FleetConfig.builder(root).external(external)
                .env(ServiceEnvironment.passThrough(launcherEnv, external)).build();
        assertThat(env(config, "server-service"))
                .containsEntry("GUILDHALL_DB_URL_GLOBAL", "jdbc:mysql://db:3306/g")
                .containsEntry("GUILDHALL_DB_URL_SHARDS", "jdbc:mysql://db:3306/s0,jdbc:mysql://db2:3306/s1")
                .containsEntry("GUILDHALL_DB_USERNAME", "app")
                .containsEntry("GUILDHALL_DB_PASSWORD", "pw")
                .containsEntry("GUILDHALL_REDIS_URL", "redis://cache:6379")
                .containsEntry("GUILDHALL_KAFKA_BOOTSTRAP", "k1:9092,k2:9092")
                .containsEntry("GUILDHALL_S3_ENDPOINT", "http://minio:9000")
                .containsEntry("GUILDHALL_S3_BUCKET", "files");
    }

    @Test
    void passThroughKeepsSettingsButNotPointersAwayFromEmbeddedPieces() {
        Map<String, String> launcherEnv = Map.of(
                "GUILDHALL_SHARD_ASSIGNMENT", "0,0,0,0,1,1,1,1",
                "GUILDHALL_INTERNAL_TOKEN", "secret",
                "GUILDHALL_DB_USERNAME", "app",
                "GUILDHALL_WORKER_ID", "7",
                "GUILDHALL_JAVA_OPTS", "-Xmx1g",
                "HOME", "/root");
        Map<String, String> pass = ServiceEnvironment.passThrough(launcherEnv, ExternalInfra.NONE);
        assertThat(pass).containsOnlyKeys("GUILDHALL_SHARD_ASSIGNMENT", "GUILDHALL_INTERNAL_TOKEN");
        FleetConfig config = FleetConfig.builder(root).env(pass).build();
        assertThat(env(config, "auth-service")).containsEntry("GUILDHALL_INTERNAL_TOKEN", "secret")
                .containsEntry("GUILDHALL_SHARD_ASSIGNMENT", "0,0,0,0,1,1,1,1")
                .containsEntry("GUILDHALL_DB_USERNAME", "root");
    }

    @Test
    void secretsGivenToTheLauncherWinOverTheGeneratedOnes() {
        Map<String, String> launcherEnv = Map.of("GUILDHALL_INTERNAL_TOKEN", "mine-" + "i".repeat(40),
                "GUILDHALL_VOICE_TOKEN_SECRET", "mine-" + "v".repeat(40), "GUILDHALL_S3_SECRET_KEY", "mine-s3");
        FleetConfig config = FleetConfig.builder(root).env(ServiceEnvironment.passThrough(launcherEnv, ExternalInfra.NONE)).build();
        assertThat(env(config, "voice-service"))
                .containsEntry("GUILDHALL_INTERNAL_TOKEN", "mine-" + "i".repeat(40))
                .containsEntry("GUILDHALL_VOICE_TOKEN_SECRET", "mine-" + "v".repeat(40))
                .containsEntry("GUILDHALL_S3_SECRET_KEY", "mine-s3")
                .containsEntry("GUILDHALL_S3_ACCESS_KEY", secrets.s3AccessKey());
    }

    @Test
    void everyServiceButTheGatewayListensOnLoopbackOnly() {
        FleetConfig config = FleetConfig.builder(root).build();
        for (ServiceInstance i : config.instances()) {
            Map<String, String> env = env(config, i.name());
            if (i.service() == Service.GATEWAY) {
                // Spring's default: every interface, so a browser on the LAN can open it
                assertThat(env).doesNotContainKey("SERVER_ADDRESS");
            } else {
                assertThat(env).as(i.name()).containsEntry("SERVER_ADDRESS", "127.0.0.1");
            }
        }
        assertThat(env(config, "media-node")).doesNotContainKey("GUILDHALL_MEDIA_PUBLIC_ADDRESS");
    }

    @Test
    void aChosenPublicAddressMovesTheGatewayAndTheMediaNodesUdpPortOnly() {
        FleetConfig config = FleetConfig.builder(root).publicAddress("192.0.2.7").build();
        assertThat(env(config, "gateway-service")).containsEntry("SERVER_ADDRESS", "192.0.2.7");
        assertThat(env(config, "media-node")).containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("GUILDHALL_MEDIA_PUBLIC_ADDRESS", "192.0.2.7");
        assertThat(env(config, "auth-service")).containsEntry("SERVER_ADDRESS", "127.0.0.1");
        assertThat(config.localHost(Service.GATEWAY)).isEqualTo("192.0.2.7");
        assertThat(config.localHost(Service.AUTH)).isEqualTo("127.0.0.1");
    }

    @Test
    void aLoopbackGatewayLeavesTheMediaNodeOnTheOrdinaryInterfaceForIce() {
        FleetConfig config = FleetConfig.builder(root).publicAddress("127.0.0.1").build();
        assertThat(env(config, "gateway-service")).containsEntry("SERVER_ADDRESS", "127.0.0.1");
        assertThat(env(config, "media-node")).doesNotContainKey("GUILDHALL_MEDIA_PUBLIC_ADDRESS");
    }

    @Test
    void oneDatabaseUrlWithoutTheOtherIsAMistake() {
        assertThatThrownBy(() -> ExternalInfra.fromEnvironment(Map.of("GUILDHALL_DB_URL_GLOBAL", "jdbc:mysql://db/g")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GUILDHALL_DB_URL_SHARDS");
    }

    @Test
    void blankVariablesMeanEmbedded() {
        ExternalInfra external = ExternalInfra.fromEnvironment(Map.of("GUILDHALL_REDIS_URL", " "));
        assertThat(external.hasRedis()).isFalse();
    }

    @Test
    void onlyAuthServiceGetsTheKeyThatSealsItsSecrets() {
        FleetConfig config = FleetConfig.builder(root).build();
        assertThat(env(config, "auth-service")).containsEntry("GUILDHALL_AUTH_SECRET_KEY", secrets.authSecretKey());
        assertThat(env(config, "message-service")).doesNotContainKey("GUILDHALL_AUTH_SECRET_KEY");
        assertThat(env(config, "gateway-service")).doesNotContainKey("GUILDHALL_AUTH_SECRET_KEY");
    }
}
