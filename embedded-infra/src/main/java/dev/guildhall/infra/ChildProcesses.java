package dev.guildhall.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small helpers for the child processes (brokers, stores, services) the infrastructure starts. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Asks the process (and its descendants) to stop with SIGTERM, waits up to {@code grace}, then
     * kills what is left with SIGKILL.
     *
     * @return true if it stopped within the grace period
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        var descendants = process.descendants().toList();
        process.destroy();
        boolean clean = awaitExit(process, grace);
        if (!clean) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return clean;
    }

    public static boolean stop(Process process, Duration grace) {
        return stop(process.toHandle(), grace);
    }

    /** SIGKILL, no grace: simulates a crash. */
    public static void kill(ProcessHandle process) {
        var descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process, Duration.ofSeconds(10));
    }

    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The last {@code lines} lines of a (log) file, or a note that it does not exist. */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), last);
    }

    /** Keeps one previous generation of a log file: {@code x.log} becomes {@code x.log.1}. */
    public static void rotate(Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not rotate " + log, e);
        }
    }
}
