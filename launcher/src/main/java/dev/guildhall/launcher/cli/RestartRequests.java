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
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * How {@code guildhall restart NAME} (one JVM) asks the running launcher (another) to restart a
 * process: a request file {@code <run>/control/NAME.restart} holding a random id, answered with
 * {@code NAME.restart.done} holding the same id and {@code ok} or {@code failed: why}. Files, like
 * the pid files and {@code status}, need no port and only the rights the data directory already has
 * (ADR 171). The launcher first accepts a request ({@code NAME.restart.accepted}: the id and how long
 * the restart may take), so the asker waits as long as the launcher's own limits allow — a restart
 * beside a standby starts two processes — and not by a guess of its own (ADR 283).
 */
final class RestartRequests {

    private static final String REQUEST = ".restart";
    private static final String DONE = ".restart.done";
    private static final String ACCEPTED = ".restart.accepted";

    private RestartRequests() {
    }

    static Path controlDir(Path runDir) {
        return runDir.resolve("control");
    }

    /**
     * Asks for a restart and waits for the answer: until the launcher accepts it (it does one restart
     * at a time), then for as long as the launcher said the restart may take.
     *
     * @param pickup        how long to wait for the launcher to accept the request
     * @param launcherAlive false once the launcher is gone (no answer can come then)
     * @return the launcher's answer ({@code ok} or {@code failed: ...}), or empty when none came in time
     */
    static Optional<String> request(Path runDir, String name, Duration pickup, BooleanSupplier launcherAlive)
            throws IOException, InterruptedException {
        Path dir = controlDir(runDir);
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path done = dir.resolve(name + DONE);
        Path accepted = dir.resolve(name + ACCEPTED);
        Files.deleteIfExists(done);
        Path tmp = dir.resolve(name + REQUEST + ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name + REQUEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + pickup.toNanos();
        boolean acceptedOurs = false;
        while (System.nanoTime() < deadline && launcherAlive.getAsBoolean()) {
            Optional<String> answer = answerFor(done, id);
            if (answer.isPresent()) {
                Files.deleteIfExists(done);
                return answer;
            }
            if (!acceptedOurs) {
                Optional<String> limit = answerFor(accepted, id);
                if (limit.isPresent()) {
                    acceptedOurs = true;
                    deadline = System.nanoTime() + Duration.ofMillis(Long.parseLong(limit.get())).plusSeconds(10).toNanos();
                }
            }
            Thread.sleep(200);
        }
        if (!acceptedOurs) {
            Files.deleteIfExists(dir.resolve(name + REQUEST));
        }
        return Optional.empty();
    }

    /** The second line of a control file whose first line is {@code id}. */
    private static Optional<String> answerFor(Path file, String id) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", 2);
        return lines.length == 2 && lines[0].equals(id) ? Optional.of(lines[1].strip()) : Optional.empty();
    }

    /**
     * Answers the requests waiting in the control directory, one after the other (the launcher's
     * watch loop calls this).
     *
     * @param limit   how long a restart may take (the asker waits that long once it is accepted)
     * @param restart restarts one process; returns normally on success, throws with the reason otherwise
     */
    static void serve(Path runDir, Duration limit, Function<String, Void> restart) {
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
                write(dir, name + ACCEPTED, id + "\n" + limit.toMillis() + "\n");
                String answer;
                try {
                    restart.apply(name);
                    answer = "ok";
                } catch (RuntimeException e) {
                    answer = "failed: " + e.getMessage();
                }
                write(dir, name + DONE, id + "\n" + answer + "\n");
                Files.deleteIfExists(dir.resolve(name + ACCEPTED));
            }
        } catch (IOException ignored) {
            // the client times out and says so
        }
    }

    private static void write(Path dir, String file, String content) throws IOException {
        Path tmp = dir.resolve(file + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
