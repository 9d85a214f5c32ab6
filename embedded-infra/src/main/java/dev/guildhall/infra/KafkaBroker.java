package dev.guildhall.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process) whose
 * storage persists in a directory, run as a child JVM ({@code kafka.Kafka}) on this JVM's class
 * path. The launcher uses it; tests that only need a throw-away broker use {@link EmbeddedKafka}.
 *
 * <p>Layout of {@code dataDir}: {@code server.properties} (rewritten on every start, so ports may
 * change), {@code cluster.id} (chosen once), {@code logs/} (the log directory, formatted once with
 * {@code kafka-storage format}) and {@code logback.xml} (the broker's logging).
 *
 * <p>Stop it with {@link #stop()} (SIGTERM: controlled shutdown) or {@link #kill()} (SIGKILL: a
 * crash), and start it again with {@link #start()}; the data survives both.
 */
public final class KafkaBroker implements AutoCloseable {

    /** How the broker is started. */
    public record Settings(Path dataDir, int port, int controllerPort, Path logFile,
                           List<String> jvmArgs, Duration startTimeout) {

        public Settings {
            dataDir = dataDir.toAbsolutePath();
            logFile = logFile.toAbsolutePath();
            jvmArgs = List.copyOf(jvmArgs);
        }

        public Settings(Path dataDir, int port, int controllerPort, Path logFile) {
            this(dataDir, port, controllerPort, logFile, DEFAULT_JVM_ARGS, Duration.ofSeconds(180));
        }

        public Settings withJvmArgs(List<String> args) {
            return new Settings(dataDir, port, controllerPort, logFile, args, startTimeout);
        }
    }

    /** A small heap and a quick-starting JIT: a development broker, not a production one. */
    public static final List<String> DEFAULT_JVM_ARGS = List.of(
            "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
            "-Djava.awt.headless=true");

    private final Settings settings;
    private Process process;

    private KafkaBroker(Settings settings) {
        this.settings = settings;
    }

    /** Formats the storage if it is new, starts the broker and waits until it answers. */
    public static KafkaBroker start(Settings settings) {
        KafkaBroker broker = new KafkaBroker(settings);
        broker.start();
        return broker;
    }

    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logFile) {
        return start(new Settings(dataDir, port, controllerPort, logFile));
    }

    /** Starts the broker again after {@link #stop()} or {@link #kill()}; a no-op while it runs. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(settings.dataDir().resolve("logs"));
            Path props = writeServerProperties();
            Path logback = writeLogbackConfig();
            ensureFormatted(props, logback);
            ChildProcesses.rotate(settings.logFile());
            ProcessBuilder pb = new ProcessBuilder(command("kafka.Kafka", logback, List.of(props.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start on port " + settings.port(), e);
        }
        awaitReady();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public int port() {
        return settings.port();
    }

    public Settings settings() {
        return settings;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The child process while it runs (for a supervisor that wants its exit code), else {@code null}. */
    public synchronized Process process() {
        return process;
    }

    /** The broker's process, while it runs. */
    public synchronized ProcessHandle processHandle() {
        return process == null ? null : process.toHandle();
    }

    /** Controlled shutdown (SIGTERM), SIGKILL after 30 s. */
    public synchronized void stop() {
        if (process != null) {
            ChildProcesses.stop(process, Duration.ofSeconds(30));
            process = null;
        }
    }

    /** SIGKILL: the broker dies as in a crash (it recovers its logs on the next start). */
    public synchronized void kill() {
        if (process != null) {
            ChildProcesses.kill(process.toHandle());
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(int partitions, String... topics) {
        try (Admin admin = admin()) {
            List<NewTopic> wanted = Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private List<String> command(String mainClass, Path logback, List<String> args) {
        List<String> jvm = new ArrayList<>(settings.jvmArgs());
        jvm.add("-Dlogback.configurationFile=" + logback);
        jvm.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        return JavaCommand.forMainClass(mainClass, jvm, args);
    }

    private Path writeServerProperties() throws IOException {
        int port = settings.port();
        int cport = settings.controllerPort();
        String text = String.join("\n",
                "# written by dev.guildhall.infra.KafkaBroker on every start",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + cport,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + cport,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + settings.dataDir().resolve("logs"),
                "num.partitions=3",
                "default.replication.factor=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "num.network.threads=2",
                "num.io.threads=4",
                "num.recovery.threads.per.data.dir=2",
                "");
        Path file = settings.dataDir().resolve("server.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLogbackConfig() throws IOException {
        String xml = """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka" level="WARN"/>
                  <logger name="kafka" level="WARN"/>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <logger name="kafka.server.BrokerServer" level="INFO"/>
                  <logger name="kafka.Kafka$" level="INFO"/>
                  <logger name="org.apache.kafka.storage.internals.log.LogLoader" level="INFO"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
        Path file = settings.dataDir().resolve("logback.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }

    /** Formats {@code logs/} once, with a cluster id chosen once and kept in {@code cluster.id}. */
    private void ensureFormatted(Path props, Path logback) throws IOException {
        Path logs = settings.dataDir().resolve("logs");
        if (Files.exists(logs.resolve("meta.properties"))) {
            return;
        }
        Path idFile = settings.dataDir().resolve("cluster.id");
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
        }
        String clusterId = Files.readString(idFile, StandardCharsets.UTF_8).trim();
        Path out = settings.dataDir().resolve("format.log");
        Process format = new ProcessBuilder(command("kafka.tools.StorageTool", logback,
                List.of("format", "--config", props.toString(), "--cluster-id", clusterId, "--ignore-formatted")))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage in " + logs + " failed:\n"
                        + ChildProcesses.tail(out, 30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted formatting Kafka storage", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (!portOpen()) {
            failIfDeadOrLate(deadline);
            sleep(200);
        }
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not ready yet
                }
                failIfDeadOrLate(deadline);
                sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Kafka", e);
        }
    }

    private void failIfDeadOrLate(long deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka exited with code " + process.exitValue() + " during startup; last lines of "
                    + settings.logFile() + ":\n" + ChildProcesses.tail(settings.logFile(), 40));
        }
        if (System.nanoTime() > deadline) {
            ChildProcesses.stop(process, Duration.ofSeconds(5));
            throw new IllegalStateException("Kafka did not become ready on port " + settings.port() + " within "
                    + settings.startTimeout().toSeconds() + " s; last lines of " + settings.logFile() + ":\n"
                    + ChildProcesses.tail(settings.logFile(), 40));
        }
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", settings.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
