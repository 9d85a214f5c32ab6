package dev.guildhall.infra;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Builds the command line that runs a main class of this JVM's own class path in a child JVM: the
 * Kafka broker runs that way, so it needs no separate distribution.
 *
 * <ul>
 *   <li>From a Spring Boot executable jar (the launcher), the child reuses that jar through Boot's
 *       {@code PropertiesLauncher} with {@code -Dloader.main}.</li>
 *   <li>From a flat class path (tests, an IDE), the child gets the same class path.</li>
 *   <li>{@code -Dguildhall.child.classpath=...} overrides both.</li>
 * </ul>
 */
public final class JavaCommand {

    static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private JavaCommand() {
    }

    /** The {@code java} of the running JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static List<String> forMainClass(String mainClass, List<String> jvmArgs, List<String> args) {
        return forMainClass(mainClass, jvmArgs, args, System.getProperty("java.class.path"),
                System.getProperty("guildhall.child.classpath"));
    }

    static List<String> forMainClass(String mainClass, List<String> jvmArgs, List<String> args,
                                     String classPath, String override) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmArgs);
        if (override != null && !override.isBlank()) {
            cmd.addAll(List.of("-cp", override, mainClass));
        } else if (isBootJar(classPath)) {
            cmd.addAll(List.of("-Dloader.main=" + mainClass, "-cp", classPath, PROPERTIES_LAUNCHER));
        } else {
            cmd.addAll(List.of("-cp", classPath, mainClass));
        }
        cmd.addAll(args);
        return cmd;
    }

    /** A class path of exactly one jar that nests its libraries under {@code BOOT-INF/lib/}. */
    static boolean isBootJar(String classPath) {
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        Path jar = Path.of(classPath);
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("BOOT-INF/lib/") != null
                    || zip.stream().anyMatch(e -> e.getName().startsWith("BOOT-INF/lib/"));
        } catch (IOException e) {
            return false;
        }
    }
}
