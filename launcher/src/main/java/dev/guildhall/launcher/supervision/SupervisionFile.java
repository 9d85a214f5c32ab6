package dev.guildhall.launcher.supervision;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code <run>/supervision.properties}: the supervisor's {@link Supervisor.Status statuses}, written by
 * the running launcher on every change and read by {@code guildhall status} (another JVM).
 */
public final class SupervisionFile {

    public static final String NAME = "supervision.properties";

    private SupervisionFile() {
    }

    /** Replaces the file atomically, so a reader never sees half of it. */
    public static void write(Path runDir, List<Supervisor.Status> statuses) {
        Properties p = new Properties();
        for (Supervisor.Status s : statuses) {
            p.setProperty(s.name() + ".phase", s.phase().name());
            p.setProperty(s.name() + ".restarts", String.valueOf(s.restarts()));
            if (s.lastExit() != null) {
                p.setProperty(s.name() + ".last-exit", s.lastExit().code() == null ? "?" : String.valueOf(s.lastExit().code()));
                p.setProperty(s.name() + ".last-exit-at", s.lastExit().at().toString());
            }
            if (s.nextAttempt() != null) {
                p.setProperty(s.name() + ".next-attempt", s.nextAttempt().toString());
            }
        }
        try {
            Files.createDirectories(runDir);
            StringWriter text = new StringWriter();
            p.store(text, "process supervision, written by the launcher");
            Path tmp = runDir.resolve(NAME + ".tmp");
            Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, runDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ignored) {
            // status then shows no supervision columns
        }
    }

    public static void delete(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(NAME));
        } catch (IOException ignored) {
            // a stale file is ignored once the launcher is gone
        }
    }

    /** What the running launcher last wrote, by process name; empty when there is no file. */
    public static Map<String, Supervisor.Status> read(Path runDir) {
        Map<String, Supervisor.Status> statuses = new LinkedHashMap<>();
        Path file = runDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return statuses;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return statuses;
        }
        for (String key : p.stringPropertyNames()) {
            if (!key.endsWith(".phase")) {
                continue;
            }
            String name = key.substring(0, key.length() - ".phase".length());
            try {
                String code = p.getProperty(name + ".last-exit");
                String at = p.getProperty(name + ".last-exit-at");
                ExitStatus exit = at == null ? null
                        : new ExitStatus(code == null || code.equals("?") ? null : Integer.valueOf(code), Instant.parse(at));
                String next = p.getProperty(name + ".next-attempt");
                statuses.put(name, new Supervisor.Status(name, Supervisor.Phase.valueOf(p.getProperty(key)),
                        Integer.parseInt(p.getProperty(name + ".restarts", "0")), exit, next == null ? null : Instant.parse(next)));
            } catch (RuntimeException ignored) {
                // a line we cannot read: that process shows no supervision details
            }
        }
        return statuses;
    }
}
