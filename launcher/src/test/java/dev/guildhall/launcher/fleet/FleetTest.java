package dev.guildhall.launcher.fleet;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import dev.guildhall.infra.FreePorts;
import dev.guildhall.launcher.supervision.SupervisionFile;
import dev.guildhall.launcher.supervision.Supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real fleet: embedded infrastructure and one real service jar, on free ports in a scratch data dir. */
class FleetTest {

    private Path data;

    @AfterEach
    void deleteData() throws Exception {
        if (data != null) {
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Path scratch() throws Exception {
        data = Files.createTempDirectory("guildhall-fleet-").toAbsolutePath();
        return data;
    }

    @Test
    void startsInfrastructureAndAServiceThenStopsAndRestartsThemOneByOne() throws Exception {
        FleetConfig config = FleetConfig.builder(RepoRoot.find())
                .dataDir(scratch())
                .portOffset(Ports.findFreeOffset(2))
                .services(Service.VOICE)
                .classDataSharing(false)
                .progress(System.out::println)
                .build();
        assumeTrue(Files.isRegularFile(config.jar(Service.VOICE)), "voice-service is not built");

        try (Fleet fleet = Fleet.start(config)) {
            assertThat(fleet.health("voice-service").isUp()).isTrue();
            assertThat(fleet.logFile("voice-service")).exists();
            assertThat(fleet.environment("voice-service")).containsEntry("PORT", String.valueOf(fleet.port("voice-service")));
            // ADR 140: the service and the embedded servers answer on loopback, not on the machine's ordinary address
            Ports listening = config.ports();
            assertThat(reachable(InetAddress.getLoopbackAddress(), fleet.port("voice-service"))).isTrue();
            Optional<InetAddress> lan = ordinaryAddress();
            if (lan.isPresent()) {
                for (int port : new int[] {fleet.port("voice-service"), listening.mariaDb(), listening.redis(), listening.kafka(),
                        listening.s3()}) {
                    assertThat(reachable(lan.get(), port)).as("port %d on %s", port, lan.get()).isFalse();
                }
            }
            // ADR 141: the generated secrets are what the service got
            assertThat(fleet.environment("voice-service")).containsEntry("GUILDHALL_VOICE_TOKEN_SECRET",
                    FleetSecrets.loadOrCreate(config.dataDir()).voiceTokenSecret());
            try (Connection c = DriverManager.getConnection(fleet.jdbcUrl("guildhall_shard_1"), "root", "")) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(topics(fleet)).isNotNull();

            assertThatThrownBy(() -> Fleet.start(config)).isInstanceOf(FleetStartException.class)
                    .hasMessageContaining("another fleet");

            ProcessHandle first = fleet.process("voice-service").orElseThrow();
            fleet.killService("voice-service");
            assertThat(first.isAlive()).isFalse();
            assertThat(fleet.isServiceRunning("voice-service")).isFalse();
            fleet.startService("voice-service");
            assertThat(fleet.health("voice-service").isUp()).isTrue();
            assertThat(Files.exists(config.logFile("voice-service") .resolveSibling("voice-service.log.1"))).isTrue();

            fleet.stopKafka();
            assertThat(fleet.isKafkaRunning()).isFalse();
            fleet.startKafka();
            assertThat(fleet.isKafkaRunning()).isTrue();
            assertThat(topics(fleet)).isNotNull();

            // ADR 170: every process of the fleet is supervised, the embedded servers included
            assertThat(fleet.supervision()).extracting(Supervisor.Status::name)
                    .contains("mariadb", "redis", "kafka", "s3", "voice-service");
            assertThat(fleet.supervision()).allMatch(st -> st.phase() == Supervisor.Phase.RUNNING);
            // ADR 170: a service killed from outside (not by the launcher) comes back on its own, counted
            ProcessHandle crashed = fleet.process("voice-service").orElseThrow();
            crashed.destroyForcibly();
            waitUntil(Duration.ofSeconds(120), () -> fleet.supervision("voice-service").restarts() == 1
                    && fleet.supervision("voice-service").phase() == Supervisor.Phase.RUNNING);
            assertThat(fleet.health("voice-service").isUp()).isTrue();
            assertThat(fleet.process("voice-service").orElseThrow().pid()).isNotEqualTo(crashed.pid());
            assertThat(fleet.supervision("voice-service").lastExit().describe()).isEqualTo("SIGKILL");
            assertThat(SupervisionFile.read(config.runDir())).containsKey("voice-service");

            // and so does an embedded server: Redis, found by its own pid file
            long redisPid = Long.parseLong(Files.readString(config.dataDir().resolve("redis/redis.pid")).trim());
            ProcessHandle.of(redisPid).orElseThrow().destroyForcibly();
            waitUntil(Duration.ofSeconds(60), () -> fleet.supervision("redis").restarts() == 1
                    && fleet.supervision("redis").phase() == Supervisor.Phase.RUNNING);
            assertThat(reachable(InetAddress.getLoopbackAddress(), listening.redis())).isTrue();

            // a graceful restart is the launcher's own stop: not a crash, but its exit is the last one shown
            long before = fleet.process("voice-service").orElseThrow().pid();
            fleet.restartService("voice-service");
            assertThat(fleet.health("voice-service").isUp()).isTrue();
            assertThat(fleet.process("voice-service").orElseThrow().pid()).isNotEqualTo(before);
            assertThat(fleet.supervision("voice-service").restarts()).isEqualTo(1);
            assertThat(fleet.supervision("voice-service").lastExit().describe()).isIn("SIGTERM", "exit 0");
        }
        Ports ports = config.ports();
        assertThat(Stream.of(ports.mariaDb(), ports.redis(), ports.kafka(), ports.s3(), ports.service(Service.VOICE, 1)))
                .allMatch(FreePorts::isFree);
        assertThat(config.runDir().resolve("voice-service.pid")).doesNotExist();
    }

    @Test
    void aServiceThatDiesOnStartupIsNamedWithItsLogTail() throws Exception {
        Path root = scratch();
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path jar = Files.createDirectories(root.resolve("auth-service/target")).resolve("auth-service-0-exec.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "does.not.Exist");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        // every piece external: nothing embedded starts, only the broken service
        ExternalInfra external = ExternalInfra.fromEnvironment(Map.of(
                "GUILDHALL_DB_URL_GLOBAL", "jdbc:mysql://db/g", "GUILDHALL_DB_URL_SHARDS", "jdbc:mysql://db/s",
                "GUILDHALL_REDIS_URL", "redis://r", "GUILDHALL_KAFKA_BOOTSTRAP", "k:9092", "GUILDHALL_S3_ENDPOINT", "http://s3"));
        FleetConfig config = FleetConfig.builder(root).dataDir(root.resolve("data")).version("0")
                .portOffset(Ports.findFreeOffset(2)).services(Service.AUTH).external(external)
                .startTimeout(Duration.ofSeconds(60)).build();

        assertThatThrownBy(() -> Fleet.start(config))
                .isInstanceOf(FleetStartException.class)
                .hasMessageContaining("auth-service exited with code 1 before it was healthy")
                .hasMessageContaining("does.not.Exist");
        // the lock is released: the data dir can be used again
        assertThat(FleetLock.isHeld(config.runDir())).isFalse();
    }

    @Test
    void missingJarsAreNamedWithTheBuildCommand() throws Exception {
        FleetConfig config = FleetConfig.builder(scratch()).version("nope").services(Service.MEDIA)
                .portOffset(Ports.findFreeOffset(2)).build();
        assertThatThrownBy(() -> Fleet.start(config)).isInstanceOf(FleetStartException.class)
                .hasMessageContaining("media-node-nope-exec.jar").hasMessageContaining("./mvnw -DskipTests install");
    }

    static void waitUntil(Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** The machine's first up, non-loopback IPv4 address, where a LAN neighbour would connect. */
    static Optional<InetAddress> ordinaryAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static boolean reachable(InetAddress host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static java.util.Set<String> topics(Fleet fleet) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.kafkaBootstrap()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
