package dev.guildhall.launcher.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import dev.guildhall.launcher.fleet.ExternalInfra;
import dev.guildhall.launcher.fleet.FleetConfig;
import dev.guildhall.launcher.fleet.HealthProbe;
import dev.guildhall.launcher.fleet.PidFiles;
import dev.guildhall.launcher.fleet.Ports;
import dev.guildhall.launcher.fleet.Service;
import dev.guildhall.launcher.fleet.ServiceInstance;
import dev.guildhall.launcher.supervision.SupervisionFile;
import dev.guildhall.launcher.supervision.Supervisor;

/** Asks every process of a fleet how it is, from the outside (ports and pid files only). */
final class FleetStatus {

    /** One row of the status table. */
    record Row(String name, String port, String status, String pid, String restarts, String lastExit) {
        Row(String name, String port, String status, String pid) {
            this(name, port, status, pid, "-", "-");
        }

        boolean isUp() {
            return status.startsWith("UP") || status.equals("external");
        }

        /** With what the running launcher's supervisor says of it (ADR 170). */
        Row supervised(Supervisor.Status s) {
            if (s == null) {
                return this;
            }
            String st = status;
            if (!isUp() && s.phase() == Supervisor.Phase.BACKING_OFF && s.nextAttempt() != null) {
                st = "restarting (back-off, next try " + TIME.format(s.nextAttempt()) + ")";
            } else if (!isUp() && s.phase() == Supervisor.Phase.RESTARTING) {
                st = "restarting";
            }
            String exit = s.lastExit() == null ? "-" : s.lastExit().describe() + " at " + TIME.format(s.lastExit().at());
            return new Row(name, port, st, pid, String.valueOf(s.restarts()), exit);
        }
    }

    static final String[] HEADER = {"NAME", "PORT", "STATUS", "PID", "RESTARTS", "LAST EXIT"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private FleetStatus() {
    }

    /**
     * The processes of the fleet running on {@code config.dataDir()} (as its launcher recorded
     * them in {@code run/fleet.properties}), else of {@code config}.
     */
    static Map<String, Integer> instancePorts(FleetConfig config) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Path file = config.runDir().resolve("fleet.properties");
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
                // Properties does not keep order: follow the configured order, then the rest
                for (ServiceInstance i : config.instances()) {
                    String v = p.getProperty("instance." + i.name());
                    if (v != null) {
                        ports.put(i.name(), Integer.parseInt(v.trim()));
                    }
                }
                p.stringPropertyNames().stream().filter(k -> k.startsWith("instance.")).sorted().forEach(k ->
                        ports.putIfAbsent(k.substring("instance.".length()), Integer.parseInt(p.getProperty(k).trim())));
                return ports;
            } catch (IOException | RuntimeException e) {
                ports.clear();
            }
        }
        config.instances().forEach(i -> ports.put(i.name(), i.port()));
        return ports;
    }

    static StatusTable table(FleetConfig config, Map<String, Integer> instancePorts) {
        StatusTable table = new StatusTable(HEADER);
        for (Row row : rows(config, instancePorts).values()) {
            table.row(row.name(), row.port(), row.status(), row.pid(), row.restarts(), row.lastExit());
        }
        return table;
    }

    static Map<String, Row> rows(FleetConfig config, Map<String, Integer> instancePorts) {
        Map<String, CompletableFuture<Row>> pending = new LinkedHashMap<>();
        Ports ports = config.ports();
        ExternalInfra ext = config.external();
        Path data = config.dataDir();
        pending.put("mariadb", infra("mariadb", ext.hasDatabase(), ports.mariaDb(), () -> firstPidFile(data.resolve("mariadb"))));
        pending.put("redis", infra("redis", ext.hasRedis(), ports.redis(), () -> pidOf(data.resolve("redis").resolve("redis.pid"))));
        pending.put("kafka", infra("kafka", ext.hasKafka(), ports.kafka(), () -> pidOf(config.runDir().resolve("kafka.pid"))));
        pending.put("s3", infra("s3", ext.hasS3(), ports.s3(), () -> pidOf(config.runDir().resolve("s3.pid"))));
        instancePorts.forEach((name, port) -> pending.put(name, CompletableFuture.supplyAsync(() -> {
            String host = name.equals(Service.GATEWAY.module()) ? config.localHost(Service.GATEWAY) : "127.0.0.1";
            HealthProbe.Health h = HealthProbe.check(host, port, Duration.ofSeconds(3));
            String status = switch (h.state()) {
                case UP -> "UP";
                case DOWN -> "DOWN (" + h.detail() + ")";
                case UNREACHABLE -> "not running";
            };
            return new Row(name, String.valueOf(port), status, pidOf(config.runDir().resolve(name + ".pid")).orElse("-"));
        })));
        // a launcher killed without stopping leaves the file behind: only a running one's counts
        Map<String, Supervisor.Status> supervision = PidFiles.read(data.resolve("guildhall.pid")).isPresent()
                ? SupervisionFile.read(config.runDir()) : Map.of();
        Map<String, Row> rows = new LinkedHashMap<>();
        pending.forEach((name, f) -> rows.put(name, f.join().supervised(supervision.get(name))));
        return rows;
    }

    private interface PidLookup {
        Optional<String> pid();
    }

    private static CompletableFuture<Row> infra(String name, boolean external, int port, PidLookup pid) {
        if (external) {
            return CompletableFuture.completedFuture(new Row(name, "-", "external", "-"));
        }
        return CompletableFuture.supplyAsync(() -> new Row(name, String.valueOf(port),
                listening(port) ? "UP" : "not running", pid.pid().orElse("-")));
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> pidOf(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        return PidFiles.read(pidFile).map(p -> String.valueOf(p.pid()));
    }

    private static Optional<String> firstPidFile(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path p : ds) {
                Optional<String> pid = pidOf(p);
                if (pid.isPresent()) {
                    return pid;
                }
            }
        } catch (IOException ignored) {
            // no pid
        }
        return Optional.empty();
    }
}
