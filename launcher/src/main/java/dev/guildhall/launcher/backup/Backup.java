package dev.guildhall.launcher.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code guildhall backup}: a consistent logical dump of every Guildhall database of the running
 * embedded MariaDB in one transaction ({@code mariadb-dump --single-transaction --master-data=2},
 * so the dump and its binlog position agree), the binary logs archived up to now (for a later
 * point-in-time restore), and the store's objects copied into a pool beside them (ADR 216).
 *
 * <pre>
 * BACKUPS/full-20261206T130000Z/{databases.sql, objects.tsv, manifest.properties}
 * BACKUPS/binlogs/guildhall-bin.NNNNNN     every closed binary log, archived once
 * BACKUPS/objects/KEY + objects.tsv        every object ever archived, copied once
 * </pre>
 */
public final class Backup {

    static final String FULL_PREFIX = "full-";
    static final String SECRETS = "fleet-secrets.properties";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern POSITION = Pattern.compile(
            "CHANGE MASTER TO MASTER_LOG_FILE='([^']+)', MASTER_LOG_POS=(\\d+)");

    /** Where the running database and store are. */
    public record Source(String host, int port, String user, String password, Path mariaDbDataDir, Path mariaDbBaseDir,
                         StoreObjects store, Optional<Path> secretsFile) {
    }

    /** What one backup holds. */
    public record Result(Path dir, BinlogCut.Position position, List<String> databases, int objects, long objectBytes,
                         int binlogsArchived, List<Path> pruned) {
    }

    private Backup() {
    }

    public static Result run(Source source, Path backups, Duration keep, Consumer<String> progress) throws IOException {
        Files.createDirectories(backups);
        Instant now = Instant.now();
        Path dir = backups.resolve(FULL_PREFIX + STAMP.format(now));
        Path part = backups.resolve(dir.getFileName() + ".part");
        if (Files.exists(dir)) {
            throw new IllegalStateException(dir + " exists already: one backup per second");
        }
        Files.createDirectories(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        List<String> databases = databases(source);
        progress.accept("dumping " + String.join(", ", databases) + " in one transaction ...");
        dump(source, databases, part.resolve("databases.sql"));
        BinlogCut.Position position = positionOf(part.resolve("databases.sql"));

        int archived = archiveBinlogs(source, backups.resolve("binlogs"));
        progress.accept("binlog position " + position.file() + ":" + position.offset() + "; " + archived
                + " binary log(s) archived");

        List<StoreObjects.Entry> objects = source.store().archive(source.store().list(), backups.resolve("objects"),
                backups.resolve("objects.tsv"));
        StoreObjects.writeList(part.resolve("objects.tsv"), objects);
        long bytes = objects.stream().mapToLong(StoreObjects.Entry::size).sum();
        progress.accept(objects.size() + " object(s), " + bytes + " bytes, in the store");

        if (source.secretsFile().isPresent() && Files.exists(source.secretsFile().get())) {
            // the data is only usable with the secrets it was written with (e.g. keys that encrypt at rest)
            Path copy = part.resolve(SECRETS);
            Files.copy(source.secretsFile().get(), copy);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        }

        Properties manifest = new Properties();
        manifest.setProperty("created_at", now.toString());
        manifest.setProperty("binlog_file", position.file());
        manifest.setProperty("binlog_position", Long.toString(position.offset()));
        manifest.setProperty("databases", String.join(",", databases));
        manifest.setProperty("objects", Integer.toString(objects.size()));
        manifest.setProperty("object_bytes", Long.toString(bytes));
        try (var w = Files.newBufferedWriter(part.resolve("manifest.properties"), StandardCharsets.UTF_8)) {
            manifest.store(w, "guildhall backup (restore with: ./guildhall restore " + dir + ")");
        }
        Files.move(part, dir, StandardCopyOption.ATOMIC_MOVE);
        List<Path> pruned = prune(backups, keep, now);
        return new Result(dir, position, databases, objects.size(), bytes, archived, pruned);
    }

    /** The backup's manifest. */
    public static Properties manifest(Path backupDir) throws IOException {
        Path file = backupDir.resolve("manifest.properties");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(backupDir + " is not a complete Guildhall backup (no manifest.properties)");
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    static List<String> databases(Source source) {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(source); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'guildhall%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach MariaDB on " + source.host() + ":" + source.port()
                    + " (is the fleet running? ./guildhall up): " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no guildhall databases on " + source.host() + ":" + source.port());
        }
        return names;
    }

    private static void dump(Source source, List<String> databases, Path target) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                source.mariaDbBaseDir().resolve("bin/mariadb-dump").toString(),
                "--host=" + source.host(), "--port=" + source.port(), "--user=" + source.user(),
                "--protocol=TCP", "--skip-ssl", "--single-transaction", "--master-data=2", "--quick", "--hex-blob",
                "--triggers", "--routines", "--events", "--default-character-set=utf8mb4", "--databases"));
        cmd.addAll(databases);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(target.toFile())
                .redirectError(target.resolveSibling("dump.err").toFile());
        if (!source.password().isEmpty()) {
            pb.environment().put("MYSQL_PWD", source.password());
        }
        run(pb, "mariadb-dump", target.resolveSibling("dump.err"), Duration.ofHours(6));
        Files.deleteIfExists(target.resolveSibling("dump.err"));
    }

    static void run(ProcessBuilder pb, String what, Path errors, Duration timeout) throws IOException {
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " ran", e);
        }
        if (p.exitValue() != 0) {
            String err = Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8).strip() : "";
            throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "): " + err);
        }
    }

    static BinlogCut.Position positionOf(Path dump) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 200; i++) {
                String line = r.readLine();
                if (line == null) {
                    break;
                }
                Matcher m = POSITION.matcher(line);
                if (m.find()) {
                    return new BinlogCut.Position(m.group(1), Long.parseLong(m.group(2)));
                }
            }
        }
        throw new IllegalStateException("the dump names no binlog position: is binary logging on? "
                + "(the launcher turns it on; restart the fleet once after updating)");
    }

    /** Closes the current binary log and copies every closed one not archived yet. */
    private static int archiveBinlogs(Source source, Path archive) throws IOException {
        Files.createDirectories(archive);
        List<String> logs = new ArrayList<>();
        try (Connection c = connect(source); Statement s = c.createStatement()) {
            s.execute("FLUSH BINARY LOGS");
            try (ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
                while (rs.next()) {
                    logs.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the binary logs: " + e.getMessage(), e);
        }
        int copied = 0;
        for (String name : logs.subList(0, Math.max(0, logs.size() - 1))) { // the last one is still written
            Path from = source.mariaDbDataDir().resolve(name);
            Path to = archive.resolve(name);
            if (Files.exists(from) && (!Files.exists(to) || Files.size(to) != Files.size(from))) {
                Path tmp = archive.resolve(name + ".part");
                Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                copied++;
            }
        }
        return copied;
    }

    /**
     * Deletes full backups older than {@code keep} (always keeping the newest), the binary logs
     * older than the oldest kept backup's, and pooled objects no kept backup lists that were
     * created before it.
     */
    static List<Path> prune(Path backups, Duration keep, Instant now) throws IOException {
        List<Path> fulls = fullBackups(backups);
        List<Path> pruned = new ArrayList<>();
        if (fulls.isEmpty()) {
            return pruned;
        }
        Instant cutoff = now.minus(keep);
        for (Path full : fulls.subList(0, fulls.size() - 1)) {
            if (Instant.parse(manifest(full).getProperty("created_at")).isBefore(cutoff)) {
                deleteTree(full);
                pruned.add(full);
            }
        }
        List<Path> kept = fullBackups(backups);
        Properties oldest = manifest(kept.get(0));
        String oldestLog = oldest.getProperty("binlog_file");
        Path binlogs = backups.resolve("binlogs");
        if (Files.isDirectory(binlogs)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(binlogs)) {
                for (Path log : ds) {
                    if (log.getFileName().toString().compareTo(oldestLog) < 0) {
                        Files.delete(log);
                        pruned.add(log);
                    }
                }
            }
        }
        if (!pruned.isEmpty()) {
            java.util.Set<String> listed = new java.util.HashSet<>();
            for (Path full : kept) {
                StoreObjects.readList(full.resolve("objects.tsv")).forEach(e -> listed.add(e.key()));
            }
            Instant oldestAt = Instant.parse(oldest.getProperty("created_at"));
            Path index = backups.resolve("objects.tsv");
            List<StoreObjects.Entry> keepEntries = new ArrayList<>();
            for (StoreObjects.Entry e : StoreObjects.readIndex(index).values()) {
                if (listed.contains(e.key()) || !e.lastModified().isBefore(oldestAt)) {
                    keepEntries.add(e);
                } else {
                    Files.deleteIfExists(StoreObjects.poolFile(backups.resolve("objects"), e.key()));
                }
            }
            StoreObjects.writeList(index, keepEntries);
        }
        return pruned;
    }

    /** Complete full backups, oldest first. */
    public static List<Path> fullBackups(Path backups) throws IOException {
        List<Path> fulls = new ArrayList<>();
        if (Files.isDirectory(backups)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(backups, FULL_PREFIX + "*")) {
                for (Path p : ds) {
                    if (Files.isDirectory(p) && !p.getFileName().toString().endsWith(".part")
                            && Files.exists(p.resolve("manifest.properties"))) {
                        fulls.add(p);
                    }
                }
            }
        }
        fulls.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return fulls;
    }

    static Connection connect(Source source) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + source.host() + ":" + source.port()
                + "/?useSSL=false&allowPublicKeyRetrieval=true", source.user(), source.password());
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
