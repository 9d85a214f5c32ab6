package dev.guildhall.launcher.backup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.guildhall.infra.EmbeddedMariaDb;
import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.S3MockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup and restore on the real embedded MariaDB (binary logs on, as the launcher runs it) and the
 * embedded S3 store, without the services: rows in a global and two shard databases and objects, a
 * backup, more rows and objects, a second backup archiving the logs; restores to the backup and to
 * an instant between the later writes compared row by row and byte by byte. {@code e2e-tests}
 * {@code BackupRestoreTest} does the same with the whole fleet's messages and attachments.
 */
class BackupRestoreIntegrationTest {

    private static final List<String> DATABASES = List.of("guildhall_global", "guildhall_shard_0", "guildhall_shard_1");

    @TempDir
    Path tmp;

    @Test
    void restoresTheBackupsMomentAndALaterPointInTime() throws Exception {
        Path data = tmp.resolve("data");
        Path backups = tmp.resolve("backups");
        List<String> atBackup = new ArrayList<>();
        List<String> atInstant = new ArrayList<>();
        Instant instant;
        Backup.Result first;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(data.resolve("mariadb-base"), data.resolve("mariadb"),
                FreePorts.find(), EmbeddedMariaDb.BINLOG_ARGS);
             S3MockServer s3 = S3MockServer.start(data.resolve("s3"), FreePorts.find(), tmp.resolve("s3.log"), "guildhall");
             StoreObjects store = new StoreObjects(s3.endpoint(), "us-east-1", "k", "s", "guildhall")) {
            for (String name : DATABASES) {
                db.createDatabase(name);
                exec(db, name, "CREATE TABLE messages (message_id BIGINT PRIMARY KEY, content TEXT NOT NULL,"
                        + " created_at DATETIME(3) NOT NULL)");
            }
            Path secrets = data.resolve("secrets/fleet-secrets.properties");
            Files.createDirectories(secrets.getParent());
            Files.writeString(secrets, "GUILDHALL_INTERNAL_TOKEN=kept-with-its-data\n");
            Backup.Source source = new Backup.Source("127.0.0.1", db.port(), "root", "", data.resolve("mariadb"),
                    data.resolve("mariadb-base"), store, Optional.of(secrets));
            atBackup.addAll(write(db, s3, 1, "before the backup"));

            first = Backup.run(source, backups, Duration.ofDays(30), line -> { });
            assertThat(first.databases()).containsExactlyElementsOf(DATABASES);
            assertThat(first.objects()).isEqualTo(1);

            Thread.sleep(1_200); // the binary log's clock has whole seconds
            atInstant.addAll(write(db, s3, 2, "after the backup"));
            Thread.sleep(1_200);
            instant = Instant.now();
            Thread.sleep(1_200);
            write(db, s3, 3, "after the instant");
            Backup.Result second = Backup.run(source, backups, Duration.ofDays(30), line -> { });
            assertThat(second.binlogsArchived()).isPositive();
        }

        Path restoredSecrets = tmp.resolve("r1/secrets/fleet-secrets.properties");
        Restore.run(first.dir(), Optional.empty(), tmp.resolve("r1"), Optional.of(restoredSecrets), "guildhall", line -> { });
        assertThat(restoredSecrets).hasContent("GUILDHALL_INTERNAL_TOKEN=kept-with-its-data");
        assertThat(Files.getPosixFilePermissions(first.dir().resolve("fleet-secrets.properties")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(restoredSecrets))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(rows(tmp.resolve("r1"))).isEqualTo(expected(atBackup));
        assertThat(objects(tmp.resolve("r1"))).containsOnlyKeys("files/1.txt").containsValue("object 1");

        Restore.Result r = Restore.run(first.dir(), Optional.of(instant), tmp.resolve("r2"), "guildhall", line -> { });
        assertThat(r.replayedTo()).isPresent();
        List<String> both = new ArrayList<>(atBackup);
        both.addAll(atInstant);
        assertThat(rows(tmp.resolve("r2"))).isEqualTo(expected(both));
        assertThat(objects(tmp.resolve("r2"))).containsOnlyKeys("files/1.txt", "files/2.txt");

        // a restore over a data directory moves what was there aside
        Restore.Result again = Restore.run(first.dir(), Optional.empty(), tmp.resolve("r1"), "guildhall", line -> { });
        assertThat(again.movedAside()).hasSize(2).allSatisfy(p -> assertThat(p).exists());
    }

    /** One row in each database and one object per step; returns "database:id=content" of what it wrote. */
    private static List<String> write(EmbeddedMariaDb db, S3MockServer s3, int step, String what) throws Exception {
        List<String> written = new ArrayList<>();
        for (String name : DATABASES) {
            exec(db, name, "INSERT INTO messages VALUES (" + step + ", '" + what + " in " + name + "', NOW(3))");
            written.add(name + ":" + step + "=" + what + " in " + name);
        }
        try (var client = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(java.net.URI.create(s3.endpoint())).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("k", "s"))).build()) {
            client.putObject(b -> b.bucket("guildhall").key("files/" + step + ".txt").contentType("text/plain"),
                    RequestBody.fromString("object " + step));
        }
        return written;
    }

    private static List<String> expected(List<String> written) {
        return written.stream().sorted().toList();
    }

    private static List<String> rows(Path dataDir) throws Exception {
        List<String> rows = new ArrayList<>();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dataDir.resolve("mariadb-base"), dataDir.resolve("mariadb"),
                FreePorts.find())) {
            for (String name : DATABASES) {
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(name), "root", "");
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT message_id, content FROM messages")) {
                    while (rs.next()) {
                        rows.add(name + ":" + rs.getLong(1) + "=" + rs.getString(2));
                    }
                }
            }
        }
        return rows.stream().sorted().toList();
    }

    private Map<String, String> objects(Path dataDir) throws Exception {
        Map<String, String> objects = new TreeMap<>();
        try (S3MockServer s3 = S3MockServer.start(dataDir.resolve("s3"), FreePorts.find(), tmp.resolve("s3-read.log"));
             StoreObjects store = new StoreObjects(s3.endpoint(), "us-east-1", "k", "s", "guildhall")) {
            Path pool = Files.createTempDirectory(tmp, "read");
            List<StoreObjects.Entry> all = store.list();
            store.archive(all, pool.resolve("objects"), pool.resolve("index.tsv"));
            for (StoreObjects.Entry e : all) {
                objects.put(e.key(), Files.readString(pool.resolve("objects").resolve(e.key()), StandardCharsets.UTF_8));
            }
        }
        return objects;
    }

    private static void exec(EmbeddedMariaDb db, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(database), "root", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
