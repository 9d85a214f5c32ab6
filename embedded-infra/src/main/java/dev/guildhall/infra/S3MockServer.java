package dev.guildhall.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;

import dev.guildhall.infra.s3mock.LoopbackConnectors;

/**
 * An S3-compatible store: Adobe's S3Mock run from its executable jar as a child JVM (in-process it
 * leaks its own Spring configuration into the host and 4.x does not run on Boot 4). Objects are
 * kept under the store root between runs. Plain HTTP on 127.0.0.1:{@code port}; its HTTPS
 * connector gets a random port nobody uses.
 *
 * <p>The jar is looked up in this order: system property {@code guildhall.s3mock.jar}, environment
 * variable {@code GUILDHALL_S3MOCK_JAR}, then the local Maven repository this module was built
 * with (the build of {@code embedded-infra} downloads it there).
 */
public final class S3MockServer implements AutoCloseable {

    public static final List<String> DEFAULT_JVM_ARGS = List.of(
            "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-Dspring.jmx.enabled=false", "-Djava.awt.headless=true");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path storeRoot;
    private final int port;
    private final Path logFile;
    private final List<String> buckets;
    private final List<String> jvmArgs;
    private final Path jar;
    private Process process;

    private S3MockServer(Path storeRoot, int port, Path logFile, List<String> buckets, List<String> jvmArgs, Path jar) {
        this.storeRoot = storeRoot.toAbsolutePath();
        this.port = port;
        this.logFile = logFile.toAbsolutePath();
        this.buckets = List.copyOf(buckets);
        this.jvmArgs = List.copyOf(jvmArgs);
        this.jar = jar;
    }

    /** Starts the store, waits until it answers and creates the buckets that do not exist yet. */
    public static S3MockServer start(Path storeRoot, int port, Path logFile, String... buckets) {
        return start(storeRoot, port, logFile, DEFAULT_JVM_ARGS, buckets);
    }

    public static S3MockServer start(Path storeRoot, int port, Path logFile, List<String> jvmArgs, String... buckets) {
        return start(storeRoot, port, logFile, jvmArgs, locateJar(), buckets);
    }

    /**
     * @param jar S3Mock's executable jar, or the thin jar {@code -Djarmode=tools extract} made of
     *            it (the launcher runs that one, with a class data sharing archive)
     */
    public static S3MockServer start(Path storeRoot, int port, Path logFile, List<String> jvmArgs, Path jar, String... buckets) {
        S3MockServer server = new S3MockServer(storeRoot, port, logFile, List.of(buckets), jvmArgs, jar);
        server.start();
        return server;
    }

    /** Starts it again after {@link #stop()}; a no-op while it runs. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(storeRoot);
            ChildProcesses.rotate(logFile);
            List<String> cmd = new ArrayList<>();
            cmd.add(JavaCommand.javaExecutable());
            cmd.addAll(jvmArgs);
            cmd.addAll(loopbackLaunch());
            cmd.addAll(List.of(
                    // loopback only (ADR 140): the HTTPS connector through server.address, the plain-HTTP one
                    // (httpPort), which S3Mock creates without an address, through LoopbackConnectors
                    "--server.port=0",
                    "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + storeRoot,
                    "--com.adobe.testing.s3mock.store.retainFilesOnExit=true"));
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("S3Mock did not start on port " + port, e);
        }
        // as long as the fleet's own start timeout: a loaded machine starts a JVM slowly, a dead one is seen at once
        awaitReady(Duration.ofSeconds(180));
        buckets.forEach(this::createBucket);
    }

    /**
     * How to start the jar with {@link LoopbackConnectors} (and a {@code spring.factories} naming it)
     * on S3Mock's own class path: the thin jar
     * ({@code Main-Class} is S3Mock's) with a directory appended to {@code -cp}; the executable jar
     * through Spring Boot's {@code PropertiesLauncher} and {@code loader.path}, so the class is
     * loaded beside S3Mock's nested Spring jars.
     */
    private List<String> loopbackLaunch() throws IOException {
        Path addon = storeRoot.resolveSibling(storeRoot.getFileName() + "-loopback");
        for (Class<?> c : new Class<?>[] {LoopbackConnectors.class, LoopbackConnectors.Binder.class}) {
            String resource = c.getName().replace('.', '/') + ".class";
            Path target = addon.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("class file not found: " + resource);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Spring Boot 3.5 has no context.initializer.classes any more: register it as Boot does its own
        Path factories = addon.resolve("META-INF/spring.factories");
        Files.createDirectories(factories.getParent());
        Files.writeString(factories, "org.springframework.context.ApplicationContextInitializer="
                + LoopbackConnectors.class.getName() + "\n");
        String mainClass;
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            mainClass = jarFile.getManifest().getMainAttributes().getValue("Main-Class");
        }
        if (mainClass != null && mainClass.startsWith("org.springframework.boot.loader.")) {
            return List.of("-Dloader.path=" + addon, "-cp", jar.toString(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher");
        }
        return List.of("-cp", jar + File.pathSeparator + addon, mainClass);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The child process while it runs (for a supervisor that wants its exit code), else {@code null}. */
    public synchronized Process process() {
        return process;
    }

    public synchronized ProcessHandle processHandle() {
        return process == null ? null : process.toHandle();
    }

    /** SIGTERM, SIGKILL after 20 s; true if it stopped on its own (or was not running). */
    public synchronized boolean stop() {
        boolean clean = true;
        if (process != null) {
            clean = ChildProcesses.stop(process, Duration.ofSeconds(20));
            process = null;
        }
        return clean;
    }

    @Override
    public void close() {
        stop();
    }

    /** Creates the bucket unless it exists. */
    public void createBucket(String bucket) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket))
                    .PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 409) {
                throw new IllegalStateException("creating bucket " + bucket + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create bucket " + bucket, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                // listing buckets also makes S3Mock (lazily initialised) load its store
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for S3Mock", e);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with code " + process.exitValue() + " during startup; last lines of "
                        + logFile + ":\n" + ChildProcesses.tail(logFile, 40));
            }
            if (System.nanoTime() > deadline) {
                ChildProcesses.stop(process, Duration.ofSeconds(5));
                throw new IllegalStateException("S3Mock did not answer on port " + port + " within " + timeout.toSeconds()
                        + " s; last lines of " + logFile + ":\n" + ChildProcesses.tail(logFile, 40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Where the S3Mock executable jar is; fails with a hint if it is nowhere. */
    public static Path locateJar() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("guildhall.s3mock.jar");
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        String env = System.getenv("GUILDHALL_S3MOCK_JAR");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        Properties build = buildProperties();
        String version = build.getProperty("s3mock.version");
        String relative = "com/adobe/testing/s3mock/" + version + "/s3mock-" + version + "-exec.jar";
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            candidates.add(Path.of(repo, relative));
        }
        String builtWith = build.getProperty("local.repository");
        if (builtWith != null && !builtWith.isBlank() && !builtWith.contains("${")) {
            candidates.add(Path.of(builtWith, relative));
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", relative));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("S3Mock executable jar not found (looked at " + candidates
                + "); build embedded-infra once with Maven (./mvnw -pl embedded-infra install) to download it, "
                + "or point -Dguildhall.s3mock.jar / GUILDHALL_S3MOCK_JAR at it");
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = S3MockServer.class.getResourceAsStream("infra-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
