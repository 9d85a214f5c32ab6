package dev.guildhall.infra;

import redis.embedded.RedisServer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/** A real redis-server (from the embedded-redis artifact) on 127.0.0.1, persisting to its directory. */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private final LogSink log;

    private EmbeddedRedis(RedisServer server, int port, LogSink log) {
        this.server = server;
        this.port = port;
        this.log = log;
    }

    /**
     * @param dataDir where the append-only file and snapshots go; {@code null} for no persistence
     */
    public static EmbeddedRedis start(Path dataDir, int port) {
        return start(dataDir, port, (Path) null);
    }

    /**
     * @param dataDir where the append-only file and snapshots go; {@code null} for no persistence
     * @param logFile where the server's output goes (appended); {@code null} to drop it
     */
    public static EmbeddedRedis start(Path dataDir, int port, Path logFile) {
        LogSink log = null;
        try {
            var builder = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("maxmemory 512mb")
                    .setting("maxmemory-policy noeviction");
            if (logFile != null) {
                log = new LogSink(logFile);
                builder.soutListener(log).serrListener(log);
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setting("dir " + dataDir.toAbsolutePath())
                        .setting("pidfile " + dataDir.toAbsolutePath().resolve("redis.pid"))
                        .setting("appendonly yes")
                        .setting("appendfsync everysec");
            } else {
                builder.setting("save \"\"").setting("appendonly no");
            }
            RedisServer server = builder.build();
            server.start();
            return new EmbeddedRedis(server, port, log);
        } catch (IOException e) {
            if (log != null) {
                log.close();
            }
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    /** Appends the server's output lines to a file. */
    private static final class LogSink implements Consumer<String>, AutoCloseable {
        private final BufferedWriter out;

        LogSink(Path logFile) throws IOException {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        @Override
        public synchronized void accept(String line) {
            try {
                out.write(line);
                out.newLine();
                out.flush();
            } catch (IOException ignored) {
                // logging must not break the server
            }
        }

        @Override
        public synchronized void close() {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing to save
            }
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (log != null) {
                log.close();
            }
        }
    }
}
