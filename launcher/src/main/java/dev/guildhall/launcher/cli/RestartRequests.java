package dev.guildhall.launcher.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * How {@code guildhall restart NAME} (one JVM) asks the running launcher (another) to restart a
 * process: a request file {@code <run>/control/NAME.restart} holding a random id, answered with
 * {@code NAME.restart.done} holding the same id and {@code ok} or {@code failed: why}. Files, like
 * the pid files and {@code status}, need no port and only the rights the data directory already has
 * (ADR 171).
 */
final class RestartRequests {

    private static final String REQUEST = ".restart";
    private static final String DONE = ".restart.done";

    private RestartRequests() {
    }

    static Path controlDir(Path runDir) {
        return runDir.resolve("control");
    }

    /**
     * Asks for a restart and waits for the answer.
     *
     * @return the launcher's answer ({@code ok} or {@code failed: ...}), or empty when none came in time
     */
    static Optional<String> request(Path runDir, String name, Duration timeout) throws IOException, InterruptedException {
        Path dir = controlDir(runDir);
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path done = dir.resolve(name + DONE);
        Files.deleteIfExists(done);
        Path tmp = dir.resolve(name + REQUEST + ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name + REQUEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(done)) {
                String[] answer = Files.readString(done, StandardCharsets.UTF_8).split("\n", 2);
                if (answer.length == 2 && answer[0].equals(id)) {
                    Files.deleteIfExists(done);
                    return Optional.of(answer[1].strip());
                }
            }
            Thread.sleep(200);
        }
        Files.deleteIfExists(dir.resolve(name + REQUEST));
        return Optional.empty();
    }

    /**
     * Answers the requests waiting in the control directory, one after the other (the launcher's
     * watch loop calls this).
     *
     * @param restart restarts one process; returns normally on success, throws with the reason otherwise
     */
    static void serve(Path runDir, Function<String, Void> restart) {
        Path dir = controlDir(runDir);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(dir, "*" + REQUEST)) {
            for (Path request : requests) {
                String file = request.getFileName().toString();
                String name = file.substring(0, file.length() - REQUEST.length());
                String id = Files.readString(request, StandardCharsets.UTF_8).strip();
                Files.deleteIfExists(request);
                String answer;
                try {
                    restart.apply(name);
                    answer = "ok";
                } catch (RuntimeException e) {
                    answer = "failed: " + e.getMessage();
                }
                Path tmp = dir.resolve(name + DONE + ".tmp");
                Files.writeString(tmp, id + "\n" + answer + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(name + DONE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException ignored) {
            // the client times out and says so
        }
    }
}
