package dev.guildhall.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Real infrastructure for integration tests, started once per JVM on free ports with temporary
 * storage, each piece lazily on first use (a test that only needs Redis does not wait for
 * MariaDB). Everything is stopped and deleted when the JVM exits.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infra(DynamicPropertyRegistry r) {
 *     TestInfrastructure infra = TestInfrastructure.get();
 *     r.add("spring.datasource.url", () -> infra.jdbcUrl("guildhall_global"));
 *     r.add("spring.data.redis.url", infra::redisUrl);
 *     r.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrap);
 *     r.add("guildhall.s3.endpoint", infra::s3); // bucket TestInfrastructure.S3_BUCKET exists
 * }
 * }</pre>
 */
public final class TestInfrastructure {

    private static final TestInfrastructure INSTANCE = new TestInfrastructure();

    /** The bucket {@link #s3()} creates. */
    public static final String S3_BUCKET = "guildhall";

    private final Path root;
    private EmbeddedMariaDb mariaDb;
    private EmbeddedRedis redis;
    private EmbeddedKafka kafka;
    private S3MockServer s3;

    private TestInfrastructure() {
        try {
            root = Files.createTempDirectory("guildhall-test-infra");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "test-infra-stop"));
    }

    public static TestInfrastructure get() {
        return INSTANCE;
    }

    public synchronized EmbeddedMariaDb mariaDb() {
        if (mariaDb == null) {
            mariaDb = EmbeddedMariaDb.start(root.resolve("mariadb-base"), root.resolve("mariadb-data"), FreePorts.find());
        }
        return mariaDb;
    }

    /** A JDBC URL for the database, created if it does not exist. */
    public String jdbcUrl(String database) {
        EmbeddedMariaDb db = mariaDb();
        db.createDatabase(database);
        return db.jdbcUrl(database);
    }

    public String dbUsername() {
        return mariaDb().username();
    }

    public String dbPassword() {
        return mariaDb().password();
    }

    public synchronized EmbeddedRedis redis() {
        if (redis == null) {
            redis = EmbeddedRedis.start(null, FreePorts.find());
        }
        return redis;
    }

    public String redisUrl() {
        return redis().url();
    }

    public synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(FreePorts.find());
        }
        return kafka;
    }

    public String kafkaBootstrap() {
        return kafka().bootstrapServers();
    }

    /**
     * The endpoint URL ({@code http://127.0.0.1:<port>}) of an S3-compatible store (S3Mock as a
     * child process) with the bucket {@link #S3_BUCKET}; any access key and secret are accepted,
     * path-style access.
     */
    public synchronized String s3() {
        if (s3 == null) {
            s3 = S3MockServer.start(root.resolve("s3"), FreePorts.find(), root.resolve("s3mock.log"), S3_BUCKET);
        }
        return s3.endpoint();
    }

    private synchronized void stopAll() {
        for (AutoCloseable c : new AutoCloseable[] {s3, kafka, redis, mariaDb}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort at JVM exit
                }
            }
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir; the OS cleans it eventually
        }
    }
}
