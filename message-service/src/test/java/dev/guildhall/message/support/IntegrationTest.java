package dev.guildhall.message.support;

import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

/**
 * The service on a random port against real MariaDB (two shard databases and a global one), Redis
 * and Kafka from {@code embedded-infra}, with {@link StubServices} as auth-service and
 * server-service. Every subclass shares one application context: tests make their own servers,
 * channels and users, so they do not see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final StubServices stub = StubServices.get();

    @LocalServerPort
    protected int port;

    protected Api api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        properties("msg_it", TestInfrastructure.get().kafkaBootstrap()).forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Everything the service needs to run against the test infrastructure, in databases named after {@code prefix}. */
    public static Map<String, String> properties(String prefix, String kafkaBootstrap) {
        TestInfrastructure infra = TestInfrastructure.get();
        return Map.ofEntries(
                Map.entry("guildhall.db.shard-urls",
                        infra.jdbcUrl(prefix + "_shard_0") + "," + infra.jdbcUrl(prefix + "_shard_1")),
                Map.entry("guildhall.db.global-url", infra.jdbcUrl(prefix + "_global")),
                Map.entry("guildhall.db.username", infra.dbUsername()),
                Map.entry("guildhall.db.password", infra.dbPassword()),
                Map.entry("guildhall.db.pool-size", "5"),
                Map.entry("guildhall.redis.url", infra.redisUrl()),
                // the limits' arithmetic is under test, not a loaded machine's Redis latency (production: 500 ms)
                Map.entry("guildhall.redis.command-timeout", "3s"),
                Map.entry("spring.kafka.bootstrap-servers", kafkaBootstrap),
                Map.entry("guildhall.security.jwk-set-uri", stub.url() + "/.well-known/jwks.json"),
                Map.entry("guildhall.security.issuer", StubServices.ISSUER),
                Map.entry("guildhall.services.server-url", stub.url()),
                Map.entry("guildhall.services.auth-url", stub.url()),
                Map.entry("guildhall.internal-token", StubServices.INTERNAL_TOKEN),
                Map.entry("guildhall.attachments.storage.endpoint", infra.s3()),
                Map.entry("guildhall.attachments.storage.bucket", TestInfrastructure.S3_BUCKET),
                Map.entry("guildhall.attachments.storage.access-key", "test-access-key"),
                Map.entry("guildhall.attachments.storage.secret-key", "test-secret-key"),
                // content deletion (ADR 198) at test speed: small batches, a short file grace and lease
                Map.entry("guildhall.purge.file-grace", "2s"),
                Map.entry("guildhall.purge.batch-size", "7"),
                Map.entry("guildhall.purge.lease", "3s"));
    }

    /**
     * Starts a separate instance of the service (for tests that need other infrastructure than the
     * shared context), with command-line arguments, which take precedence over application.yml.
     */
    public static org.springframework.context.ConfigurableApplicationContext start(Map<String, String> properties) {
        java.util.Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("server.port", "0");
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new org.springframework.boot.builder.SpringApplicationBuilder(
                dev.guildhall.message.MessageServiceApplication.class).run(args);
    }

    public static Api api(org.springframework.context.ConfigurableApplicationContext context) {
        return new Api("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    @BeforeEach
    void client() {
        api = new Api("http://127.0.0.1:" + port);
    }

    protected static String id(long id) {
        return Long.toString(id);
    }

    protected static String messages(long channel) {
        return "/api/v1/channels/" + channel + "/messages";
    }
}
