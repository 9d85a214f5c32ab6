package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import dev.guildhall.infra.EmbeddedMariaDb;
import dev.guildhall.infra.EmbeddedRedis;
import dev.guildhall.infra.KafkaBroker;
import dev.guildhall.infra.S3MockServer;
import dev.guildhall.launcher.supervision.Supervisor;

/**
 * The embedded infrastructure of a fleet, each piece skipped when {@link ExternalInfra} names a
 * real one. Data layout under the data directory: {@code mariadb/} (+ {@code mariadb-base/}, the
 * unpacked server), {@code redis/}, {@code kafka/}, {@code s3/}.
 */
final class Infrastructure {

    private final FleetConfig config;
    private final Endpoints endpoints;
    private final ClassDataSharing cds;
    private ClassDataSharing.Launch s3Launch;
    private EmbeddedMariaDb mariaDb;
    private EmbeddedRedis redis;
    private KafkaBroker kafka;
    private S3MockServer s3;

    Infrastructure(FleetConfig config, Endpoints endpoints, ClassDataSharing cds) {
        this.config = config;
        this.endpoints = endpoints;
        this.cds = cds;
    }

    /** Starts the embedded pieces concurrently; on any failure stops those that did start. */
    void start(ExecutorService pool, long fleetStartNanos) {
        Path data = config.dataDir();
        Ports ports = config.ports();
        ExternalInfra external = config.external();
        List<CompletableFuture<?>> pieces = new ArrayList<>();
        if (!external.hasDatabase()) {
            pieces.add(step(pool, fleetStartNanos, "mariadb", ports.mariaDb(), () -> {
                mariaDb = EmbeddedMariaDb.start(data.resolve("mariadb-base"), data.resolve("mariadb"), ports.mariaDb(),
                        EmbeddedMariaDb.BINLOG_ARGS);
                mariaDb.createDatabase(Endpoints.GLOBAL_DB);
                for (String shard : Endpoints.SHARD_DBS) {
                    mariaDb.createDatabase(shard);
                }
            }));
        }
        if (!external.hasRedis()) {
            pieces.add(step(pool, fleetStartNanos, "redis", ports.redis(),
                    () -> redis = EmbeddedRedis.start(data.resolve("redis"), ports.redis(), config.logFile("redis"))));
        }
        if (!external.hasKafka()) {
            pieces.add(step(pool, fleetStartNanos, "kafka", ports.kafka(), () -> {
                // topics are declared by the services that own them (NewTopic beans); the broker
                // auto-creates any other with 3 partitions
                kafka = KafkaBroker.start(kafkaSettings());
                PidFiles.write(config.runDir(), "kafka", kafka.processHandle());
            }));
        }
        if (!external.hasS3()) {
            pieces.add(step(pool, fleetStartNanos, "s3", ports.s3(), () -> {
                Path jar = S3MockServer.locateJar();
                cds.prepare("s3mock", jar);
                s3Launch = cds.launch("s3mock", jar, true);
                List<String> jvm = new ArrayList<>(s3Launch.jvmOptions());
                jvm.addAll(S3MockServer.DEFAULT_JVM_ARGS);
                s3 = S3MockServer.start(data.resolve("s3"), ports.s3(), config.logFile("s3"), jvm, s3Launch.jar(),
                        endpoints.s3Bucket());
                PidFiles.write(config.runDir(), "s3", s3.processHandle());
            }));
        }
        try {
            CompletableFuture.allOf(pieces.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            stop();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FleetStartException("infrastructure did not start: " + cause.getMessage(), cause);
        }
    }

    private CompletableFuture<Void> step(ExecutorService pool, long t0, String name, int port, Runnable start) {
        return CompletableFuture.runAsync(() -> {
            start.run();
            progress(t0, name + " ready on port " + port);
        }, pool);
    }

    private void progress(long t0, String what) {
        config.progress().accept(String.format("[%5.1fs] %s", (System.nanoTime() - t0) / 1e9, what));
    }

    KafkaBroker.Settings kafkaSettings() {
        Ports ports = config.ports();
        return new KafkaBroker.Settings(config.dataDir().resolve("kafka"), ports.kafka(), ports.kafkaController(),
                config.logFile("kafka"));
    }

    boolean hasEmbeddedKafka() {
        return kafka != null;
    }

    synchronized void stopKafka() {
        requireKafka().stop();
        PidFiles.delete(config.runDir(), "kafka");
    }

    synchronized void killKafka() {
        requireKafka().kill();
        PidFiles.delete(config.runDir(), "kafka");
    }

    synchronized void startKafka() {
        KafkaBroker broker = requireKafka();
        broker.start();
        PidFiles.write(config.runDir(), "kafka", broker.processHandle());
    }

    synchronized boolean isKafkaRunning() {
        return kafka != null && kafka.isRunning();
    }

    private KafkaBroker requireKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external (GUILDHALL_KAFKA_BOOTSTRAP) or not started: the fleet cannot stop or start it");
        }
        return kafka;
    }

    // ---- supervision (ADR 170) -------------------------------------------------------------------

    /** The embedded pieces: {@code mariadb}, {@code redis}, {@code kafka}, {@code s3}. */
    static final List<String> PIECES = List.of("mariadb", "redis", "kafka", "s3");

    /** The embedded piece's running process, if it is one of ours and runs. */
    synchronized Optional<Supervisor.Started> started(String piece) {
        Path data = config.dataDir();
        return switch (piece) {
            case "kafka" -> kafka == null || kafka.process() == null ? Optional.empty() : Optional.of(Supervisor.Started.of(kafka.process()));
            case "s3" -> s3 == null || s3.process() == null ? Optional.empty() : Optional.of(Supervisor.Started.of(s3.process()));
            case "redis" -> redis == null ? Optional.empty() : ownPid(data.resolve("redis").resolve("redis.pid")).map(Supervisor.Started::of);
            case "mariadb" -> mariaDb == null ? Optional.empty() : firstPid(data.resolve("mariadb")).map(Supervisor.Started::of);
            default -> throw new IllegalArgumentException("no embedded piece " + piece);
        };
    }

    /**
     * Starts a piece again after it died on its own and returns once it answers. Its data directory is
     * the same, so it recovers its own state (InnoDB and Kafka logs, Redis' append-only file).
     */
    synchronized Supervisor.Started restart(String piece) {
        Path data = config.dataDir();
        Ports ports = config.ports();
        switch (piece) {
            case "kafka" -> {
                KafkaBroker broker = requireKafka();
                broker.kill(); // clears the dead process
                broker.start();
                PidFiles.write(config.runDir(), "kafka", broker.processHandle());
            }
            case "s3" -> {
                if (s3 == null) {
                    throw new IllegalStateException("S3 is external or not started");
                }
                s3.stop();
                s3.start();
                PidFiles.write(config.runDir(), "s3", s3.processHandle());
            }
            case "redis" -> {
                if (redis == null) {
                    throw new IllegalStateException("Redis is external or not started");
                }
                quietly(redis::close);
                redis = EmbeddedRedis.start(data.resolve("redis"), ports.redis(), config.logFile("redis"));
            }
            case "mariadb" -> {
                if (mariaDb == null) {
                    throw new IllegalStateException("MariaDB is external or not started");
                }
                quietly(mariaDb::close);
                mariaDb = EmbeddedMariaDb.start(data.resolve("mariadb-base"), data.resolve("mariadb"), ports.mariaDb(),
                        EmbeddedMariaDb.BINLOG_ARGS);
            }
            default -> throw new IllegalArgumentException("no embedded piece " + piece);
        }
        return started(piece).orElseThrow(() -> new IllegalStateException(piece + " started but its process is not known"));
    }

    /** A pid file the server wrote itself: trusted only for a live descendant of this JVM. */
    private static Optional<ProcessHandle> ownPid(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            long self = ProcessHandle.current().pid();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> ProcessHandle.current().descendants().anyMatch(d -> d.pid() == p.pid()) || p.pid() == self);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ProcessHandle> firstPid(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path p : ds) {
                Optional<ProcessHandle> h = ownPid(p);
                if (h.isPresent()) {
                    return h;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // none
        }
        return Optional.empty();
    }

    /** Stops what runs, in reverse dependency order; never throws. */
    synchronized void stop() {
        quietly(() -> {
            if (kafka != null) {
                kafka.stop();
                PidFiles.delete(config.runDir(), "kafka");
            }
        });
        quietly(() -> {
            if (s3 != null) {
                boolean clean = s3.stop();
                if (s3Launch != null) {
                    cds.afterExit(s3Launch, clean);
                }
                PidFiles.delete(config.runDir(), "s3");
            }
        });
        quietly(() -> {
            if (redis != null) {
                redis.close();
            }
        });
        quietly(() -> {
            if (mariaDb != null) {
                mariaDb.close();
            }
        });
        kafka = null;
        s3 = null;
        redis = null;
        mariaDb = null;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // stopping is best effort: the next piece must still be stopped
        }
    }

    static void createDirectories(Path... dirs) {
        try {
            for (Path d : dirs) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
