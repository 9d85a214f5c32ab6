package dev.guildhall.launcher.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.guildhall.infra.ChildProcesses;
import dev.guildhall.launcher.backup.Backup;
import dev.guildhall.launcher.backup.Restore;
import dev.guildhall.launcher.backup.StoreObjects;
import dev.guildhall.launcher.fleet.Endpoints;
import dev.guildhall.launcher.fleet.FleetDirectory;
import dev.guildhall.launcher.fleet.FleetSecrets;
import dev.guildhall.launcher.fleet.ExternalInfra;
import dev.guildhall.launcher.fleet.Fleet;
import dev.guildhall.launcher.fleet.FleetConfig;
import dev.guildhall.launcher.fleet.FleetStartException;
import dev.guildhall.launcher.fleet.PidFiles;
import dev.guildhall.launcher.fleet.RepoRoot;
import dev.guildhall.launcher.fleet.Service;
import dev.guildhall.launcher.fleet.ServiceEnvironment;
import dev.guildhall.launcher.fleet.ServiceLogs;

/** {@code java -jar launcher-exec.jar up|down|status|logs NAME|help} (the {@code guildhall} script runs it). */
public final class Main {

    static final String USAGE = """
            usage: guildhall <command> [options]

              up                 start the infrastructure and every service; stays in the foreground
                                 (Ctrl-C stops everything)
              down               stop a running 'up'
              status             health of every process, restarts and last exit (the launcher restarts a
                                 process that dies with back-off: 1 s, 2 s, 4 s ... 60 s)
              restart NAME       graceful restart of one service (websocket-service-2, ...): SIGTERM, wait for
                                 its exit, start it, wait until healthy; request services and the media node
                                 beside a standby instance, the gateway beside its successor on the same port
              logs NAME          follow a process's log (services, kafka, s3, redis, mariadb, launcher)
              backup             while the fleet runs: a consistent dump of every database, the binary logs
                                 archived so far and the store's objects, into ./backups (--to DIR); backups
                                 older than --keep-days (30) are pruned
              restore DIR        with the fleet stopped: bring the data directory back to the backup DIR
                                 (a full-* directory, or the backups directory for its newest), or with
                                 --until 2026-12-06T13:05:00Z to that point in time (binary logs archived by a
                                 later backup); what was there is moved aside, never deleted

            options: --data DIR (default ./data)  --offset N (added to every port; env GUILDHALL_PORT_OFFSET)
                     --services a,b,...  --websocket-instances N (default 2)  --timeout SECONDS (default 180)
                     --no-cds  --quick (C1-only service JVMs: a faster start, slower serving; ADR 237)
                     --bind ADDRESS (where the gateway and the media node's UDP port listen;
                     default every interface; env GUILDHALL_BIND_ADDRESS; every other port is loopback-only)
                     (logs) --lines N --no-follow --raw
            secrets: generated on the first 'up' into DATA/secrets/fleet-secrets.properties (owner-only);
                     GUILDHALL_INTERNAL_TOKEN, GUILDHALL_VOICE_TOKEN_SECRET, GUILDHALL_S3_* given in the environment win
            external infrastructure: GUILDHALL_DB_URL_GLOBAL + GUILDHALL_DB_URL_SHARDS, GUILDHALL_REDIS_URL,
                     GUILDHALL_KAFKA_BOOTSTRAP, GUILDHALL_S3_ENDPOINT (each skips the embedded piece)
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    Main(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        int code = new Main(System.out, System.err, System.getenv()).run(args);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (options.command()) {
                case "up" -> up(options);
                case "down" -> down(options);
                case "status" -> status(options);
                case "restart" -> restart(options);
                case "logs" -> logs(options);
                case "backup" -> {
                    quietLogging();
                    yield backup(options);
                }
                case "restore" -> {
                    quietLogging();
                    yield restore(options);
                }
                case "help", "-h", "--help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("unknown command " + options.command());
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("guildhall: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("guildhall: " + e);
            return 1;
        }
    }

    FleetConfig config(Options o) {
        Path home = RepoRoot.find();
        ExternalInfra external = ExternalInfra.fromEnvironment(env);
        FleetConfig.Builder b = FleetConfig.builder(home)
                .external(external)
                .env(ServiceEnvironment.passThrough(env, external))
                .classDataSharing(!o.noCds())
                // serving flags (C2) unless --quick asks for the quick-start ones (C1 only, ADR 237)
                .jvmOptions(o.quick() ? FleetConfig.DEFAULT_JVM_OPTIONS : FleetConfig.SERVING_JVM_OPTIONS)
                .progress(line -> {
                    out.println("  " + line);
                    out.flush();
                });
        if (o.dataDir() != null) {
            b.dataDir(o.dataDir().isAbsolute() ? o.dataDir() : home.resolve(o.dataDir()));
        }
        if (o.offset() != null) {
            b.portOffset(o.offset());
        }
        if (o.services() != null) {
            b.services(o.services());
        }
        if (o.websocketInstances() != null) {
            b.websocketInstances(o.websocketInstances());
        }
        if (o.bindAddress() != null) {
            b.publicAddress(o.bindAddress());
        }
        if (o.timeoutSeconds() != null) {
            b.startTimeout(Duration.ofSeconds(o.timeoutSeconds()));
        }
        String javaOpts = env.get("GUILDHALL_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            b.addJvmOptions(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        return b.build();
    }

    private int up(Options o) {
        FleetConfig config = config(o);
        Path pidFile = config.dataDir().resolve("guildhall.pid");
        Optional<ProcessHandle> running = PidFiles.read(pidFile);
        if (running.isPresent()) {
            err.println("Guildhall is already running (pid " + running.get().pid() + "): ./guildhall status, ./guildhall down");
            return 1;
        }
        configureLogging(config.logDir());
        out.println("Starting Guildhall (data in " + config.dataDir() + ", logs in " + config.logDir() + ")");
        out.flush();
        PidFiles.write(config.dataDir(), "guildhall", ProcessHandle.current());
        Fleet fleet = new Fleet(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping Guildhall ...");
            out.flush();
            fleet.stop();
            PidFiles.delete(config.dataDir(), "guildhall");
        }, "guildhall-stop"));
        try {
            fleet.start();
        } catch (FleetStartException e) {
            err.println();
            err.println("Guildhall did not start: " + e.getMessage());
            return 1;
        }
        out.println();
        out.print(FleetStatus.table(config, FleetStatus.instancePorts(config)).render());
        out.println();
        if (config.services().contains(Service.GATEWAY)) {
            out.println("Open " + fleet.gatewayUrl());
        }
        out.println("Ctrl-C or ./guildhall down stops it; ./guildhall logs <name> follows a log.");
        out.flush();
        watch(fleet);
        return Integer.MIN_VALUE; // not reached: the JVM exits through the shutdown hook
    }

    /**
     * Answers {@code guildhall restart} while the fleet runs (crashes and restarts are reported by the
     * fleet's supervisor through the progress lines).
     */
    private void watch(Fleet fleet) {
        Path runDir = fleet.config().runDir();
        while (true) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            RestartRequests.serve(runDir, fleet.restartTimeLimit(), name -> {
                fleet.restartService(name);
                return null;
            });
        }
    }

    private int restart(Options o) {
        if (o.positional().isEmpty()) {
            err.println("restart which service? e.g. ./guildhall restart message-service");
            return 2;
        }
        FleetConfig config = config(o);
        String name = o.positional().get(0);
        Optional<ProcessHandle> launcher = PidFiles.read(config.dataDir().resolve("guildhall.pid"));
        if (launcher.isEmpty()) {
            err.println("Guildhall is not running (./guildhall up starts it)");
            return 1;
        }
        Map<String, Integer> instances = FleetStatus.instancePorts(config);
        if (!instances.containsKey(name)) {
            err.println("no service " + name + " in the running fleet; it has " + instances.keySet());
            return 2;
        }
        out.println("Restarting " + name + " (graceful stop, then start until healthy) ...");
        out.flush();
        Optional<String> answer;
        try {
            // the launcher accepts the request once a restart it is doing (if any) ends, then says how long this one may take
            answer = RestartRequests.request(config.runDir(), name, config.startTimeout().plusSeconds(60), launcher.get()::isAlive);
        } catch (IOException e) {
            err.println("cannot ask the launcher: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (answer.isEmpty()) {
            err.println("the launcher did not answer in time (or stopped); see ./guildhall logs launcher and ./guildhall status");
            return 1;
        }
        if (!answer.get().equals("ok")) {
            err.println(name + ": " + answer.get());
            return 1;
        }
        out.println(name + " restarted and healthy.");
        return 0;
    }

    private int down(Options o) {
        FleetConfig config = config(o);
        Path pidFile = config.dataDir().resolve("guildhall.pid");
        Optional<ProcessHandle> launcher = PidFiles.read(pidFile);
        if (launcher.isPresent()) {
            out.println("Stopping Guildhall (pid " + launcher.get().pid() + ") ...");
            out.flush();
            if (!ChildProcesses.stop(launcher.get(), Duration.ofSeconds(150))) {
                err.println("it did not stop within 150 s and was killed");
            }
        } else {
            out.println("Guildhall is not running" + (Files.exists(pidFile) ? " (stale pid file removed)" : ""));
        }
        PidFiles.delete(config.dataDir(), "guildhall");
        List<String> reaped = PidFiles.reapLeftovers(config.dataDir());
        reaped.forEach(p -> out.println("stopped a leftover process: " + p));
        if (launcher.isPresent()) {
            out.println("Stopped.");
        }
        return 0;
    }

    private int status(Options o) {
        FleetConfig config = config(o);
        Map<String, FleetStatus.Row> rows = FleetStatus.rows(config, FleetStatus.instancePorts(config));
        StatusTable table = new StatusTable(FleetStatus.HEADER);
        rows.values().forEach(r -> table.row(r.name(), r.port(), r.status(), r.pid(), r.restarts(), r.lastExit()));
        out.print(table.render());
        boolean allUp = rows.values().stream().allMatch(FleetStatus.Row::isUp);
        Optional<ProcessHandle> launcher = PidFiles.read(config.dataDir().resolve("guildhall.pid"));
        out.println(launcher.map(p -> "launcher running (pid " + p.pid() + ")").orElse("launcher not running"));
        return allUp ? 0 : 3;
    }

    private int backup(Options o) throws IOException {
        FleetConfig config = config(o);
        if (config.external().hasDatabase()) {
            err.println("the database is external: back it up with its own tools (deploy/k8s/README.md, Backups)");
            return 1;
        }
        if (PidFiles.read(config.dataDir().resolve("guildhall.pid")).isEmpty()) {
            err.println("Guildhall is not running: a backup is taken from the running fleet (./guildhall up)");
            return 1;
        }
        Endpoints ep = FleetDirectory.of(config).endpoints();
        Path backups = o.to() == null ? config.repoRoot().resolve("backups") : o.to().toAbsolutePath();
        try (StoreObjects store = new StoreObjects(ep.s3Endpoint(), ep.s3Region(), ep.s3AccessKey(), ep.s3SecretKey(),
                ep.s3Bucket())) {
            Backup.Source source = new Backup.Source("127.0.0.1", config.ports().mariaDb(), ep.dbUsername(), ep.dbPassword(),
                    config.dataDir().resolve("mariadb"), config.dataDir().resolve("mariadb-base"), store,
                    Optional.of(FleetSecrets.file(config.dataDir())));
            Backup.Result r = Backup.run(source, backups, Duration.ofDays(o.keepDays()), line -> {
                out.println("  " + line);
                out.flush();
            });
            out.println("Backup written to " + r.dir() + " (" + r.databases().size() + " databases, binlog "
                    + r.position().file() + ":" + r.position().offset() + ", " + r.objects() + " objects)");
            r.pruned().forEach(p -> out.println("pruned " + p));
            out.println("Restore with: ./guildhall down && ./guildhall restore " + r.dir());
        }
        return 0;
    }

    private int restore(Options o) throws IOException {
        if (o.positional().isEmpty()) {
            err.println("restore which backup? e.g. ./guildhall restore backups/full-20261206T130000Z");
            return 2;
        }
        FleetConfig config = config(o);
        if (PidFiles.read(config.dataDir().resolve("guildhall.pid")).isPresent()) {
            err.println("Guildhall is running on " + config.dataDir() + ": ./guildhall down first");
            return 1;
        }
        Path dir = Path.of(o.positional().get(0)).toAbsolutePath();
        if (!Files.exists(dir.resolve("manifest.properties"))) {
            List<Path> fulls = Backup.fullBackups(dir);
            if (fulls.isEmpty()) {
                err.println(dir + " holds no backup");
                return 1;
            }
            dir = fulls.get(fulls.size() - 1);
        }
        String bucket = env.getOrDefault("GUILDHALL_S3_BUCKET", "guildhall");
        out.println("Restoring " + dir + (o.until() == null ? "" : " up to " + o.until()) + " into " + config.dataDir());
        Restore.Result r = Restore.run(dir, Optional.ofNullable(o.until()), config.dataDir(),
                Optional.of(FleetSecrets.file(config.dataDir())), bucket, line -> {
            out.println("  " + line);
            out.flush();
        });
        out.println("Restored" + r.replayedTo().map(p -> " (binary logs replayed to " + p.file() + ":" + p.offset() + ")")
                .orElse("") + ", " + r.objects() + " objects. ./guildhall up starts it.");
        return 0;
    }

    private int logs(Options o) {
        if (o.positional().isEmpty()) {
            err.println("which log? " + available(config(o).logDir()));
            return 2;
        }
        FleetConfig config = config(o);
        String name = o.positional().get(0);
        Path file = config.logFile(name);
        if (!Files.exists(file)) {
            err.println("no log " + file + "; there are: " + available(config.logDir()));
            return 1;
        }
        UnaryOperator<String> format = o.raw() ? UnaryOperator.identity() : ServiceLogs::readable;
        LogFollower follower = new LogFollower(file, format, out);
        follower.printTail(o.lines());
        out.flush();
        if (!o.follow()) {
            return 0;
        }
        try {
            follower.follow();
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String available(Path logDir) {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(logDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(logDir, "*.log")) {
                ds.forEach(p -> names.add(p.getFileName().toString().replaceFirst("\\.log$", "")));
            } catch (IOException ignored) {
                // none
            }
        }
        names.sort(null);
        return names.isEmpty() ? "(none yet)" : String.join(", ", names);
    }

    /** One-shot commands print their own progress: the libraries' logging stays quiet. */
    private static void quietLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "launcher-tools-logback.xml");
        }
    }

    /** The launcher's own logging goes to files, never over the table it prints. */
    private static void configureLogging(Path logDir) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + logDir, e);
        }
        ChildProcesses.rotate(logDir.resolve("launcher.log"));
        ChildProcesses.rotate(logDir.resolve("mariadb.log"));
        System.setProperty("guildhall.log.dir", logDir.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "launcher-logback.xml");
        }
    }
}
