package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.guildhall.infra.ChildProcesses;

/**
 * {@code <run>/<name>.pid} files: "pid start-epoch-millis", so a recycled pid is never mistaken
 * for ours. They let {@code guildhall down} and the next start clean up after a launcher that was
 * killed without stopping its children.
 */
public final class PidFiles {

    private PidFiles() {
    }

    public static void write(Path runDir, String name, ProcessHandle process) {
        if (process == null) {
            return;
        }
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve(name + ".pid"), process.pid() + " " + started + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a missing pid file only weakens clean-up after a crash
        }
    }

    public static void delete(Path runDir, String name) {
        try {
            Files.deleteIfExists(runDir.resolve(name + ".pid"));
        } catch (IOException ignored) {
            // see write
        }
    }

    /** The live process a pid file names, if it is still the same process. */
    public static Optional<ProcessHandle> read(Path pidFile) {
        try {
            String[] parts = Files.readString(pidFile, StandardCharsets.UTF_8).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> started == 0L
                    || p.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - started) < 2000).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops processes left behind by an earlier fleet on this data directory: the pid files in
     * {@code run/}, Redis' and MariaDB's own pid files.
     *
     * @return what was stopped, for a message
     */
    public static List<String> reapLeftovers(Path dataDir) {
        List<String> reaped = new ArrayList<>();
        Path runDir = dataDir.resolve("run");
        for (Path file : list(runDir, "*.pid")) {
            read(file).ifPresent(p -> {
                ChildProcesses.stop(p, Duration.ofSeconds(30));
                reaped.add(file.getFileName().toString().replace(".pid", "") + " (pid " + p.pid() + ")");
            });
            delete(runDir, file.getFileName().toString().replace(".pid", ""));
        }
        reapForeign(dataDir.resolve("redis").resolve("redis.pid"), "redis", reaped);
        for (Path file : list(dataDir.resolve("mariadb"), "*.pid")) {
            reapForeign(file, "mariadb", reaped);
        }
        return reaped;
    }

    /** A pid file written by the server itself (no start time): only trusted if the command matches. */
    private static void reapForeign(Path file, String commandPart, List<String> reaped) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains(commandPart)).orElse(false))
                    .ifPresent(p -> {
                        ChildProcesses.stop(p, Duration.ofSeconds(30));
                        reaped.add(commandPart + " (pid " + pid + ")");
                    });
        } catch (IOException | RuntimeException ignored) {
            // unreadable: nothing we can safely stop
        }
    }

    private static List<Path> list(Path dir, String glob) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(files::add);
        } catch (IOException ignored) {
            // nothing to list
        }
        return files;
    }
}
