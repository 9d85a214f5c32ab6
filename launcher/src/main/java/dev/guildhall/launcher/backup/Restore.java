package dev.guildhall.launcher.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.guildhall.infra.EmbeddedMariaDb;
import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.S3MockServer;

/**
 * {@code guildhall restore DIR [--until INSTANT]}: brings a data directory whose fleet is stopped
 * back to a backup -- the dump loaded into a fresh embedded MariaDB, then, for a point in time, the
 * archived binary logs replayed up to the instant by MariaDB's own replication from a throw-away
 * server that serves the archive (the logs cut at the first transaction after the instant,
 * {@link BinlogCut}) -- and the store's objects of that moment put back (ADR 216). An existing
 * database or store in the data directory is moved aside, never deleted.
 */
public final class Restore {

    /** Server ids: the original writes 1; the restored server must differ to apply its events. */
    private static final int RESTORED_ID = 2;
    private static final int ARCHIVE_ID = 3;

    /** What was restored. */
    public record Result(Path dataDir, Optional<BinlogCut.Position> replayedTo, int objects, List<Path> movedAside) {
    }

    private Restore() {
    }

    /**
     * @param backupDir a {@code full-*} directory written by {@link Backup}
     * @param until     the point in time, or empty for the backup's own moment
     * @param dataDir   the data directory to restore into (its fleet stopped)
     * @param bucket    the store's bucket
     */
    public static Result run(Path backupDir, Optional<Instant> until, Path dataDir, String bucket,
                             Consumer<String> progress) throws IOException {
        return run(backupDir, until, dataDir, Optional.empty(), bucket, progress);
    }

    /**
     * @param secretsFile where the data directory keeps its secrets: the backup's copy is put there (the one
     *                    there moved aside when it differs)
     */
    public static Result run(Path backupDir, Optional<Instant> until, Path dataDir, Optional<Path> secretsFile,
                             String bucket, Consumer<String> progress) throws IOException {
        Properties manifest = Backup.manifest(backupDir);
        Path backups = backupDir.getParent();
        BinlogCut.Position from = new BinlogCut.Position(manifest.getProperty("binlog_file"),
                Long.parseLong(manifest.getProperty("binlog_position")));
        Instant createdAt = Instant.parse(manifest.getProperty("created_at"));
        if (until.isPresent() && until.get().isBefore(createdAt)) {
            throw new IllegalArgumentException("--until " + until.get() + " is before the backup (" + createdAt
                    + "): restore an older backup");
        }
        Files.createDirectories(dataDir);
        List<Path> aside = new ArrayList<>();
        String stamp = Backup.STAMP.format(Instant.now());
        for (String piece : List.of("mariadb", "s3")) {
            Path p = dataDir.resolve(piece);
            if (Files.exists(p)) {
                Path moved = dataDir.resolve(piece + ".before-restore-" + stamp);
                Files.move(p, moved);
                aside.add(moved);
                progress.accept("moved the existing " + p + " aside to " + moved);
            }
        }

        Path savedSecrets = backupDir.resolve(Backup.SECRETS);
        if (secretsFile.isPresent() && Files.exists(savedSecrets)) {
            Path target = secretsFile.get();
            if (Files.exists(target) && Files.mismatch(target, savedSecrets) != -1) {
                Path moved = target.resolveSibling(target.getFileName() + ".before-restore-" + stamp);
                Files.move(target, moved);
                aside.add(moved);
            }
            Files.createDirectories(target.getParent());
            Files.setPosixFilePermissions(target.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.copy(savedSecrets, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            progress.accept("the backup's secrets restored to " + target);
        }

        Optional<BinlogCut.Position> replayedTo = Optional.empty();
        int port = FreePorts.find();
        List<String> args = new ArrayList<>(EmbeddedMariaDb.BINLOG_ARGS.stream()
                .map(a -> a.startsWith("--server-id=") ? "--server-id=" + RESTORED_ID : a).toList());
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dataDir.resolve("mariadb-base"), dataDir.resolve("mariadb"), port, args)) {
            progress.accept("loading " + manifest.getProperty("databases") + " from the dump ...");
            load(db, backupDir.resolve("databases.sql"), dataDir);
            if (until.isPresent()) {
                replayedTo = Optional.of(replay(db, backups.resolve("binlogs"), from, until.get(), dataDir, progress));
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), db.username(), db.password());
                 Statement s = c.createStatement()) {
                // the restored server runs as server 1 again from the next 'up': nothing may replay twice
                s.execute("RESET MASTER");
            } catch (SQLException e) {
                throw new IllegalStateException("could not reset the restored server's binary logs: " + e.getMessage(), e);
            }
        }

        List<StoreObjects.Entry> objects = StoreObjects.readList(backupDir.resolve("objects.tsv"));
        if (until.isPresent()) {
            // objects are immutable under their keys: those created up to the instant, from the pool
            java.util.Set<String> keys = new java.util.HashSet<>();
            objects.forEach(e -> keys.add(e.key()));
            for (StoreObjects.Entry e : StoreObjects.readIndex(backups.resolve("objects.tsv")).values()) {
                if (!keys.contains(e.key()) && !e.lastModified().isAfter(until.get())) {
                    objects.add(e);
                }
            }
        }
        int s3Port = FreePorts.find();
        Files.createDirectories(dataDir.resolve("logs"));
        try (S3MockServer store = S3MockServer.start(dataDir.resolve("s3"), s3Port,
                dataDir.resolve("logs").resolve("s3-restore.log"), bucket);
             StoreObjects target = new StoreObjects(store.endpoint(), "us-east-1", "restore", "restore", bucket)) {
            progress.accept("putting " + objects.size() + " object(s) back into the store ...");
            target.restore(objects, backups.resolve("objects"));
        }
        return new Result(dataDir, replayedTo, objects.size(), aside);
    }

    private static void load(EmbeddedMariaDb db, Path dump, Path dataDir) throws IOException {
        Path errors = Files.createTempFile(dataDir, "restore", ".err");
        ProcessBuilder pb = new ProcessBuilder(db.clientProgram("mariadb").toString(), "--host=127.0.0.1",
                "--port=" + db.port(), "--user=" + db.username(), "--protocol=TCP", "--skip-ssl",
                "--default-character-set=utf8mb4")
                .redirectInput(dump.toFile()).redirectError(errors.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Backup.run(pb, "loading the dump", errors, Duration.ofHours(6));
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /**
     * Replays the archived binary logs from the backup's position up to the instant: a throw-away
     * MariaDB serves copies of the archive (the last one cut at the first later transaction) and the
     * restored server replicates from it until it has executed all of them.
     */
    private static BinlogCut.Position replay(EmbeddedMariaDb restored, Path archive, BinlogCut.Position from,
                                             Instant until, Path dataDir, Consumer<String> progress) throws IOException {
        List<Path> logs;
        try (Stream<Path> s = Files.list(archive)) {
            logs = s.filter(p -> p.getFileName().toString().matches("guildhall-bin\\.\\d+")).sorted().toList();
        }
        Optional<BinlogCut.Position> cut = BinlogCut.firstGroupAfter(logs, from, until);
        Path last = logs.get(logs.size() - 1);
        BinlogCut.Position end = cut.orElse(new BinlogCut.Position(last.getFileName().toString(), Files.size(last)));
        if (cut.isEmpty()) {
            progress.accept("the archive ends before " + until + " (archived up to " + last.getFileName()
                    + "); replaying all of it -- run ./guildhall backup later to archive more");
        }
        Path work = Files.createTempDirectory(dataDir, "replay");
        Path served = work.resolve("archive");
        Files.createDirectories(served);
        StringBuilder index = new StringBuilder();
        for (Path log : logs) {
            String name = log.getFileName().toString();
            if (name.compareTo(from.file()) < 0 || name.compareTo(end.file()) > 0) {
                continue;
            }
            Path copy = served.resolve(name);
            if (name.equals(end.file())) {
                copyPrefix(log, copy, end.offset());
            } else {
                Files.copy(log, copy);
            }
            index.append(copy.toAbsolutePath()).append('\n');
        }
        Files.writeString(served.resolve("guildhall-bin.index"), index.toString(), StandardCharsets.UTF_8);
        progress.accept("replaying the binary logs " + from.file() + ":" + from.offset() + " .. " + end.file() + ":"
                + end.offset() + " (up to " + until + ") ...");
        int port = FreePorts.find();
        try (EmbeddedMariaDb source = EmbeddedMariaDb.start(dataDir.resolve("mariadb-base"), work.resolve("data"), port,
                List.of("--log-bin=" + served.resolve("guildhall-bin").toAbsolutePath(),
                        "--log-bin-index=" + served.resolve("guildhall-bin.index").toAbsolutePath(),
                        "--server-id=" + ARCHIVE_ID, "--binlog-format=ROW"));
             Connection c = DriverManager.getConnection(restored.jdbcUrl(""), restored.username(), restored.password());
             Statement s = c.createStatement()) {
            s.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + source.port()
                    + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_LOG_FILE='" + from.file()
                    + "', MASTER_LOG_POS=" + from.offset() + ", MASTER_USE_GTID=no, MASTER_SSL=0");
            s.execute("START SLAVE");
            // wait a second at a time, so a replication error ends the wait at once instead of at the timeout
            long deadline = System.nanoTime() + Duration.ofHours(6).toNanos();
            String error = "";
            while (error.isEmpty()) {
                try (ResultSet rs = s.executeQuery("SELECT MASTER_POS_WAIT('" + end.file() + "', " + end.offset() + ", 1)")) {
                    rs.next();
                    Object waited = rs.getObject(1);
                    if (waited != null && ((Number) waited).longValue() >= 0) {
                        break;
                    }
                }
                error = replicaError(s);
                if (System.nanoTime() > deadline) {
                    error = "the replay did not reach " + end + " within 6 hours";
                }
            }
            s.execute("STOP SLAVE");
            s.execute("RESET SLAVE ALL");
            if (!error.isEmpty()) {
                throw new IllegalStateException("the replay failed: " + error);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the replay failed: " + e.getMessage(), e);
        } finally {
            Backup.deleteTree(work);
        }
        return end;
    }

    private static String replicaError(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return "replication is not configured";
            }
            String sql = rs.getString("Last_SQL_Error");
            String io = rs.getString("Last_IO_Error");
            return ((sql == null ? "" : sql) + " " + (io == null ? "" : io)).strip();
        }
    }

    private static void copyPrefix(Path from, Path to, long length) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException(from + " is shorter than " + length);
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }
}
