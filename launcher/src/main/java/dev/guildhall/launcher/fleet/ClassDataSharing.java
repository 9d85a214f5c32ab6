package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.guildhall.infra.ChildProcesses;
import dev.guildhall.infra.JavaCommand;

/**
 * Per-service AppCDS (JDK 17 dynamic archives), the way Spring Boot documents it: the exec jar is
 * extracted once ({@code -Djarmode=tools extract}: a thin jar plus {@code lib/}, a class path the
 * JVM can archive), the first run records the classes it loaded with
 * {@code -XX:ArchiveClassesAtExit} when it is stopped, and every later run maps them with
 * {@code -XX:SharedArchiveFile}: roughly half the startup time of a service.
 *
 * <p>Services and S3Mock (also a Spring Boot jar) use it; the Kafka broker gains nothing measurable.
 *
 * <p>Layout: {@code <cds>/<name>/stamp} (exec jar size, time and JVM version: any change
 * re-extracts and drops the archive), {@code app/} (the extracted jar), {@code app.jsa} (the
 * archive) and {@code app.jsa.new} (being written; renamed only after a clean exit).
 */
final class ClassDataSharing {

    /** How one process is launched. */
    record Launch(Path jar, List<String> jvmOptions, Path pendingArchive) {
    }

    private final Path cdsDir;
    private final boolean enabled;

    ClassDataSharing(Path cdsDir, boolean enabled) {
        this.cdsDir = cdsDir;
        this.enabled = enabled;
    }

    /** Extracts the jar if it changed since the last extraction (safe to call concurrently for different modules). */
    void prepare(String name, Path execJar) {
        if (!enabled) {
            return;
        }
        Path dir = cdsDir.resolve(name);
        String stamp = stamp(execJar);
        try {
            Path stampFile = dir.resolve("stamp");
            if (Files.isRegularFile(stampFile) && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)
                    && Files.isRegularFile(dir.resolve("app").resolve(execJar.getFileName()))) {
                return;
            }
            deleteTree(dir);
            Files.createDirectories(dir);
            Path out = dir.resolve("extract.log");
            Process p = new ProcessBuilder(JavaCommand.javaExecutable(), "-Djarmode=tools", "-jar", execJar.toString(),
                    "extract", "--destination", dir.resolve("app").toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("could not extract " + execJar + " for class data sharing:\n"
                        + ChildProcesses.tail(out, 20));
            }
            Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare class data sharing for " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * @param mayRecord whether this process may write the archive when it has none (only one
     *                  instance per module does)
     */
    Launch launch(String name, Path execJar, boolean mayRecord) {
        Path dir = cdsDir.resolve(name);
        Path jar = dir.resolve("app").resolve(execJar.getFileName());
        if (!enabled || !Files.isRegularFile(jar)) {
            return new Launch(execJar, List.of(), null);
        }
        Path archive = dir.resolve("app.jsa");
        List<String> options = new ArrayList<>();
        Path pending = null;
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else if (mayRecord) {
            pending = dir.resolve("app.jsa.new");
            options.add("-XX:ArchiveClassesAtExit=" + pending);
        }
        // an unusable archive only costs speed: say nothing about it in the service log
        options.add("-Xlog:cds=off");
        options.add("-Xlog:cds+dynamic=off");
        options.add("-Xshare:auto");
        return new Launch(jar, options, pending);
    }

    /** Keeps the archive a process wrote on its way out, if it left cleanly. */
    void afterExit(Launch launch, boolean cleanExit) {
        Path pending = launch.pendingArchive();
        if (pending == null || !Files.isRegularFile(pending)) {
            return;
        }
        try {
            if (cleanExit) {
                Files.move(pending, pending.resolveSibling("app.jsa"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(pending);
            }
        } catch (IOException e) {
            // no archive this time; the next clean stop writes one
        }
    }

    static String stamp(Path execJar) {
        try {
            return Files.size(execJar) + " " + Files.getLastModifiedTime(execJar).toMillis() + " "
                    + System.getProperty("java.vm.version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + execJar, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
