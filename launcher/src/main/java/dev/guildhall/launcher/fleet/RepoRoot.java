package dev.guildhall.launcher.fleet;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Guildhall checkout (where the service modules and their jars are). */
public final class RepoRoot {

    private RepoRoot() {
    }

    /**
     * System property {@code guildhall.home} (the {@code guildhall} script sets it), else the
     * first directory upwards from the working directory that holds the root {@code pom.xml} and
     * a {@code gateway-service} module.
     */
    public static Path find() {
        String home = System.getProperty("guildhall.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("gateway-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a Guildhall checkout (no pom.xml with gateway-service/ above "
                + Path.of("").toAbsolutePath() + "); set -Dguildhall.home");
    }
}
