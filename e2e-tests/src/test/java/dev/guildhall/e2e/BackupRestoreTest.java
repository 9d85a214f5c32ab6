package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.infra.EmbeddedMariaDb;
import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.S3MockServer;
import dev.guildhall.launcher.backup.Backup;
import dev.guildhall.launcher.backup.Restore;
import dev.guildhall.launcher.backup.StoreObjects;
import dev.guildhall.launcher.fleet.Endpoints;
import dev.guildhall.launcher.fleet.Fleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups that restore (issue 13): messages with files written to the running fleet, a backup,
 * more writes, a second backup that archives the binary logs; then the first backup restored into a
 * fresh data directory alone and up to a point in time between the later writes. Every message row
 * and every attachment's bytes are compared with the live fleet's.
 */
class BackupRestoreTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aBackupRestoresToItsMomentAndToALaterPointInTime(@TempDir Path tmp) throws Exception {
        Fleet fleet = E2eFleet.get();
        Api api = Scenario.api();
        User owner = Scenario.register(api, "keeper");
        Server server = Scenario.server(api, owner);
        String channel = server.general();

        List<String> beforeBackup = new ArrayList<>();
        beforeBackup.add(sendOk(api, owner, channel, "written before the backup 1"));
        beforeBackup.add(sendWithFile(api, owner, channel, "a file before the backup", "before.txt"));
        beforeBackup.add(sendOk(api, owner, channel, "written before the backup 2"));

        Path backups = tmp.resolve("backups");
        Backup.Result first = backup(fleet, backups);
        assertThat(first.databases()).contains(Endpoints.GLOBAL_DB).contains(Endpoints.SHARD_DBS);

        Thread.sleep(1_500); // the binlog's clock has whole seconds
        List<String> beforeInstant = new ArrayList<>();
        beforeInstant.add(sendOk(api, owner, channel, "written after the backup, before the instant"));
        beforeInstant.add(sendWithFile(api, owner, channel, "a file after the backup", "middle.txt"));
        Thread.sleep(1_500);
        Instant instant = Instant.now();
        Thread.sleep(1_500);
        List<String> afterInstant = new ArrayList<>();
        afterInstant.add(sendOk(api, owner, channel, "written after the instant"));
        afterInstant.add(sendWithFile(api, owner, channel, "a file after the instant", "late.txt"));
        Backup.Result second = backup(fleet, backups); // archives the binary logs up to now
        assertThat(second.binlogsArchived()).isGreaterThan(0);

        Map<String, List<String>> live = messageRows(fleet.jdbcUrl(shardOf(fleet, channel)), channel);
        Map<String, byte[]> liveFiles = objects(fleet.endpoints().s3Endpoint(), fleet.endpoints(), channel);
        assertThat(live.keySet()).containsAll(beforeBackup).containsAll(beforeInstant).containsAll(afterInstant);

        Path atBackup = tmp.resolve("restored-at-backup");
        Restore.run(first.dir(), Optional.empty(), atBackup, fleet.endpoints().s3Bucket(), System.out::println);
        Restored one = read(atBackup, fleet, channel);
        assertThat(one.messages().keySet()).containsExactlyInAnyOrderElementsOf(beforeBackup);
        beforeBackup.forEach(id -> assertThat(one.messages().get(id)).as("row of " + id).isEqualTo(live.get(id)));
        assertFiles(one.files(), liveFiles, "before.txt");

        Path atInstant = tmp.resolve("restored-at-instant");
        Restore.Result r = Restore.run(first.dir(), Optional.of(instant), atInstant, fleet.endpoints().s3Bucket(),
                System.out::println);
        assertThat(r.replayedTo()).isPresent();
        Restored two = read(atInstant, fleet, channel);
        List<String> expected = new ArrayList<>(beforeBackup);
        expected.addAll(beforeInstant);
        assertThat(two.messages().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        expected.forEach(id -> assertThat(two.messages().get(id)).as("row of " + id).isEqualTo(live.get(id)));
        assertFiles(two.files(), liveFiles, "before.txt", "middle.txt");
    }

    private static void assertFiles(Map<String, byte[]> restored, Map<String, byte[]> live, String... names) {
        assertThat(restored.keySet().stream().map(k -> k.substring(k.lastIndexOf('/') + 1)).toList())
                .containsExactlyInAnyOrder(names);
        restored.forEach((key, bytes) -> assertThat(bytes).as(key).isEqualTo(live.get(key)));
    }

    private static Backup.Result backup(Fleet fleet, Path backups) throws Exception {
        Endpoints ep = fleet.endpoints();
        Path data = fleet.config().dataDir();
        try (StoreObjects store = new StoreObjects(ep.s3Endpoint(), ep.s3Region(), ep.s3AccessKey(), ep.s3SecretKey(),
                ep.s3Bucket())) {
            return Backup.run(new Backup.Source("127.0.0.1", fleet.config().ports().mariaDb(), ep.dbUsername(),
                    ep.dbPassword(), data.resolve("mariadb"), data.resolve("mariadb-base"), store,
                    Optional.of(dev.guildhall.launcher.fleet.FleetSecrets.file(data))),
                    backups, Duration.ofDays(30), System.out::println);
        }
    }

    record Restored(Map<String, List<String>> messages, Map<String, byte[]> files) {
    }

    private static Restored read(Path dataDir, Fleet fleet, String channel) throws Exception {
        Map<String, List<String>> rows;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dataDir.resolve("mariadb-base"), dataDir.resolve("mariadb"),
                FreePorts.find())) {
            rows = messageRows(db.jdbcUrl(shardOf(fleet, channel)), channel);
        }
        Map<String, byte[]> files;
        try (S3MockServer s3 = S3MockServer.start(dataDir.resolve("s3"), FreePorts.find(), dataDir.resolve("s3.log"))) {
            files = objects(s3.endpoint(), fleet.endpoints(), channel);
        }
        return new Restored(rows, files);
    }

    /** The shard database that holds the channel's messages (the one whose messages table has it). */
    private static String shardOf(Fleet fleet, String channel) throws SQLException {
        for (String shard : Endpoints.SHARD_DBS) {
            try (Connection c = DriverManager.getConnection(fleet.jdbcUrl(shard), "root", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM messages WHERE channel_id = " + Long.parseLong(channel))) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return shard;
                }
            }
        }
        throw new IllegalStateException("no shard holds channel " + channel);
    }

    /** Every column of every message of the channel, by message id. */
    private static Map<String, List<String>> messageRows(String jdbcUrl, String channel) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM messages WHERE channel_id = " + Long.parseLong(channel))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(meta.getColumnName(i) + "=" + rs.getString(i));
                }
                rows.put(rs.getString("message_id"), row);
            }
        }
        return rows;
    }

    /** The bytes of every attachment object of the channel in a store. */
    private static Map<String, byte[]> objects(String endpoint, Endpoints ep, String channel) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (StoreObjects store = new StoreObjects(endpoint, ep.s3Region(), ep.s3AccessKey(), ep.s3SecretKey(), ep.s3Bucket())) {
            Path dir = Files.createTempDirectory("objects");
            Path index = dir.resolve("index.tsv");
            List<StoreObjects.Entry> mine = store.list().stream()
                    .filter(e -> e.key().startsWith("attachments/" + channel + "/")).toList();
            store.archive(mine, dir.resolve("pool"), index);
            for (StoreObjects.Entry e : mine) {
                files.put(e.key(), Files.readAllBytes(dir.resolve("pool").resolve(e.key())));
            }
        }
        return files;
    }

    private static String sendOk(Api api, User from, String channel, String content) throws InterruptedException {
        return sendRetrying(api, from, channel, map("content", content, "nonce", "backup-" + System.nanoTime()));
    }

    /**
     * Sends as a client does: a 503 (a cold fleet on a loaded machine can pass the gateway's budget) is retried
     * with the same nonce, which answers the original message if the first try was written after all.
     */
    private static String sendRetrying(Api api, User from, String channel, Object body) throws InterruptedException {
        Response sent = api.post("/api/v1/channels/" + channel + "/messages", from.token(), body);
        for (int retry = 0; retry < 3 && sent.status() == 503; retry++) {
            Thread.sleep(1_000);
            sent = api.post("/api/v1/channels/" + channel + "/messages", from.token(), body);
        }
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return sent.text("message_id");
    }

    private static String sendWithFile(Api api, User from, String channel, String content, String filename) throws Exception {
        byte[] bytes = (filename + " -- kept by the backup " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        Response reserved = api.post("/api/v1/channels/" + channel + "/attachments", from.token(),
                map("files", List.of(map("filename", filename, "size", bytes.length, "content_type", "text/plain"))));
        assertThat(reserved.status()).as(reserved.toString()).isEqualTo(200);
        var upload = reserved.body().get(0);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(upload.get("upload_url").asString()))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Object send = map("content", content, "nonce", "backup-" + System.nanoTime(),
                "attachments", List.of(map("upload_id", upload.get("upload_id").asString())));
        return sendRetrying(api, from, channel, send);
    }
}
