package dev.guildhall.bench.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The processes of a launcher's fleet, found from outside through its data directory: the pid files
 * ({@code run/<name>.pid}; Redis' and MariaDB's own) and what the supervisor last wrote
 * ({@code run/supervision.properties}: phase and restart count per process). The chaos engine needs
 * nothing else from the launcher, so it runs against {@code ./guildhall up}'s fleet and the e2e one alike.
 */
public final class Victims {

    /** The order the brief of issue 13 names them in; websocket nodes and infrastructure as the fleet has them. */
    static final List<String> ORDER = List.of("gateway-service", "auth-service", "server-service", "message-service",
            "websocket-service", "websocket-service-2", "websocket-service-3", "voice-service", "bot-service",
            "media-node", "mariadb", "kafka", "redis", "s3");

    private final Path dataDir;

    public Victims(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Every supervised process of the fleet, in {@link #ORDER}. */
    public List<String> all() {
        Properties p = supervision();
        List<String> out = new ArrayList<>();
        for (String name : ORDER) {
            if (p.getProperty(name + ".phase") != null) {
                out.add(name);
            }
        }
        return out;
    }

    /** Restarts the supervisor counted for {@code name}; -1 if it does not know the process. */
    public int restarts(String name) {
        String r = supervision().getProperty(name + ".restarts");
        return r == null ? -1 : Integer.parseInt(r.trim());
    }

    /** Whether the supervisor has it running (after a restart: healthy again). */
    public boolean running(String name) {
        return "RUNNING".equals(supervision().getProperty(name + ".phase"));
    }

    /** The live process, if its pid file names one. */
    public Optional<ProcessHandle> process(String name) {
        return switch (name) {
            case "redis" -> pid(dataDir.resolve("redis").resolve("redis.pid"));
            case "mariadb" -> firstPid(dataDir.resolve("mariadb"));
            default -> pid(dataDir.resolve("run").resolve(name + ".pid"));
        };
    }

    /** SIGKILL (what {@link ProcessHandle#destroyForcibly()} sends on Linux); the pid killed. */
    public long kill(String name) {
        ProcessHandle victim = process(name).orElseThrow(() -> new IllegalStateException("no live process for " + name
                + " under " + dataDir));
        victim.destroyForcibly();
        return victim.pid();
    }

    /** The infrastructure pieces: restarted by the supervisor when they die, but not by {@code guildhall restart}. */
    static final List<String> INFRASTRUCTURE = List.of("mariadb", "kafka", "redis", "s3");

    /**
     * A graceful restart by the running launcher, as {@code ./guildhall restart NAME} asks for it: a request file
     * {@code run/control/NAME.restart} holding an id, answered in {@code NAME.restart.done} with the id and
     * {@code ok} or {@code failed: why} (ADR 171). Returns the answer; throws when none came in time.
     */
    public String restartGracefully(String name, java.time.Duration timeout) throws IOException, InterruptedException {
        Path dir = dataDir.resolve("run").resolve("control");
        Files.createDirectories(dir);
        String id = java.util.UUID.randomUUID().toString();
        Path done = dir.resolve(name + ".restart.done");
        Files.deleteIfExists(done);
        Path tmp = dir.resolve(name + ".restart.tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name + ".restart"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(done)) {
                String[] answer = Files.readString(done, StandardCharsets.UTF_8).split("\n", 2);
                if (answer.length == 2 && answer[0].equals(id)) {
                    Files.deleteIfExists(done);
                    return answer[1].strip();
                }
            }
            Thread.sleep(200);
        }
        Files.deleteIfExists(dir.resolve(name + ".restart"));
        throw new IllegalStateException("no answer to the restart of " + name + " within " + timeout
                + ": is a launcher running on " + dataDir + "?");
    }

    private Properties supervision() {
        Properties p = new Properties();
        Path file = dataDir.resolve("run").resolve("supervision.properties");
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            // not written yet (or being replaced): nothing known
        }
        return p;
    }

    private static Optional<ProcessHandle> firstPid(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path f : files) {
                Optional<ProcessHandle> h = pid(f);
                if (h.isPresent()) {
                    return h;
                }
            }
        } catch (IOException ignored) {
            // no directory: no process
        }
        return Optional.empty();
    }

    /** The first field of a pid file ("pid" or "pid start-millis"), if that process is alive. */
    static Optional<ProcessHandle> pid(Path file) {
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            return ProcessHandle.of(Long.parseLong(parts[0])).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
