package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.guildhall.infra.FreePorts;

/**
 * The whole Guildhall fleet on one machine: embedded infrastructure (or external pieces), then
 * every selected service as its own JVM with the environment of docs/CONVENTIONS.md, its log in
 * {@code <data>/logs/<name>.log}. The CLI's {@code up} and the end-to-end tests both use it.
 *
 * <pre>{@code
 * try (Fleet fleet = Fleet.start(FleetConfig.builder(RepoRoot.find())
 *         .dataDir(Path.of("target/e2e-data")).portOffset(1000).build())) {
 *     String api = fleet.gatewayUrl();                 // http://localhost:9080
 *     fleet.killService("websocket-service-2");        // a node dies
 *     fleet.stopKafka();  ...  fleet.startKafka();     // Kafka outage
 * }
 * }</pre>
 *
 * <p>One fleet per data directory (a lock in {@code run/} enforces it); processes an earlier,
 * killed fleet left behind on the same directory are stopped first.
 */
public final class Fleet implements AutoCloseable {

    /** Spring's graceful shutdown may take 20 s per phase; the CDS archive is written after it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);
    private static final int LOG_TAIL_LINES = 40;

    private final FleetConfig config;
    private final Endpoints endpoints;
    private final FleetSecrets secrets;
    private final Map<String, ServiceInstance> instances = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    private final ClassDataSharing cds;
    private Infrastructure infra;
    private FleetLock lock;
    private ExecutorService pool;
    private Thread shutdownHook;
    private long startNanos;
    /** Set by {@link #stop()} from another thread (Ctrl-C) while {@link #start()} still runs. */
    private volatile boolean stopRequested;

    public Fleet(FleetConfig config) {
        this.config = config;
        this.secrets = FleetSecrets.loadOrCreate(config.dataDir());
        this.endpoints = Endpoints.of(config.external(), config.ports(), config.extraEnv(), secrets);
        config.instances().forEach(i -> instances.put(i.name(), i));
        this.cds = new ClassDataSharing(config.dataDir().resolve("cds"), config.classDataSharing());
    }

    /** Creates and starts a fleet; see {@link #start()}. */
    public static Fleet start(FleetConfig config) {
        Fleet fleet = new Fleet(config);
        fleet.start();
        return fleet;
    }

    /**
     * Starts the infrastructure (creating the databases {@code guildhall_global},
     * {@code guildhall_shard_0}, {@code guildhall_shard_1} and the Kafka topics), then every
     * service, and returns when all report healthy.
     *
     * @throws FleetStartException naming the service that did not come up, with its log tail;
     *                             everything started is stopped again
     */
    public synchronized void start() {
        if (lock != null) {
            throw new IllegalStateException("fleet already started");
        }
        startNanos = System.nanoTime();
        stopRequested = false;
        lock = FleetLock.acquire(config.runDir());
        // a JVM that exits (a test run ending, Ctrl-C) takes its fleet with it
        shutdownHook = new Thread(this::stop, "fleet-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            PidFiles.reapLeftovers(config.dataDir()).forEach(p -> progress("stopped a leftover of an earlier run: " + p));
            requireJars();
            requirePortsFree();
            Infrastructure.createDirectories(config.logDir(), config.runDir());
            AtomicInteger threads = new AtomicInteger();
            pool = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "fleet-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            CompletableFuture<Void> extracted = prepareClassDataSharing();
            infra = new Infrastructure(config, endpoints, cds);
            infra.start(pool, startNanos);
            extracted.join();
            abortIfStopRequested();
            instances.values().forEach(this::launch);
            writeFleetFile();
            awaitHealthy(instances.keySet(), System.nanoTime() + config.startTimeout().toNanos());
            progress("fleet healthy");
        } catch (RuntimeException e) {
            stopNow();
            throw e instanceof FleetStartException ? e : new FleetStartException(String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Stops every service (SIGTERM, SIGKILL after a grace period), then the infrastructure.
     * Idempotent; called while {@link #start()} runs (Ctrl-C), it makes the start give up.
     */
    public void stop() {
        stopRequested = true;
        stopNow();
    }

    private synchronized void stopNow() {
        if (lock == null) {
            return;
        }
        if (!running.isEmpty()) {
            progress("stopping " + running.size() + " services");
            List<Thread> stoppers = new ArrayList<>();
            for (String name : new ArrayList<>(running.keySet())) {
                Thread t = new Thread(() -> stopProcess(name, false), "stop-" + name);
                t.start();
                stoppers.add(t);
            }
            for (Thread t : stoppers) {
                joinQuietly(t);
            }
        }
        if (infra != null) {
            progress("stopping infrastructure");
            infra.stop();
            infra = null;
        }
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
        try {
            Files.deleteIfExists(config.runDir().resolve("fleet.properties"));
        } catch (IOException ignored) {
            // status falls back to the defaults
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        shutdownHook = null;
        lock.close();
        lock = null;
        progress("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    // ---- single services --------------------------------------------------------------------

    /** Graceful stop (SIGTERM) of one process, e.g. {@code "websocket-service-2"}. */
    public void stopService(String name) {
        instance(name);
        stopProcess(name, false);
    }

    /** SIGKILL of one process: it dies as in a crash. */
    public void killService(String name) {
        instance(name);
        stopProcess(name, true);
    }

    /** Starts one process again (after a stop or kill) and waits until it is healthy. */
    public void startService(String name) {
        ServiceInstance instance = instance(name);
        requireStarted();
        ServiceProcess current = running.get(name);
        if (current != null && current.isAlive()) {
            return;
        }
        launch(instance);
        awaitHealthy(Set.of(name), System.nanoTime() + config.startTimeout().toNanos());
    }

    public boolean isServiceRunning(String name) {
        ServiceProcess p = running.get(name);
        return p != null && p.isAlive();
    }

    public HealthProbe.Health health(String name) {
        return HealthProbe.check(config.localHost(instance(name).service()), port(name), Duration.ofSeconds(2));
    }

    // ---- Kafka --------------------------------------------------------------------------------

    /** Controlled shutdown of the embedded broker (its data stays). */
    public void stopKafka() {
        requireInfra().stopKafka();
        progress("kafka stopped");
    }

    /** SIGKILL of the embedded broker. */
    public void killKafka() {
        requireInfra().killKafka();
        progress("kafka killed");
    }

    /** Starts the embedded broker again and waits until it answers. */
    public void startKafka() {
        requireInfra().startKafka();
        progress("kafka started");
    }

    public boolean isKafkaRunning() {
        return infra != null && infra.isKafkaRunning();
    }

    // ---- where things are -------------------------------------------------------------------

    public FleetConfig config() {
        return config;
    }

    /** Every process of the fleet in start order. */
    public List<ServiceInstance> instances() {
        return List.copyOf(instances.values());
    }

    public ServiceInstance instance(String name) {
        ServiceInstance i = instances.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no process named " + name + " in this fleet; it has " + instances.keySet());
        }
        return i;
    }

    public int port(String name) {
        return instance(name).port();
    }

    /** {@code http://localhost:<port>} of a process. */
    public String url(String name) {
        return instance(name).url();
    }

    /** The public entry point: {@code http://localhost:8080} (+ offset). */
    public String gatewayUrl() {
        return "http://localhost:" + config.ports().service(Service.GATEWAY, 1);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public String kafkaBootstrap() {
        return endpoints.kafkaBootstrap();
    }

    public String redisUrl() {
        return endpoints.redisUrl();
    }

    public String s3Endpoint() {
        return endpoints.s3Endpoint();
    }

    /** A JDBC URL of the embedded MariaDB for any database on it (root, no password). */
    public String jdbcUrl(String database) {
        if (config.external().hasDatabase()) {
            throw new IllegalStateException("the database is external: use endpoints().dbUrlGlobal()/dbUrlShards()");
        }
        return Endpoints.embeddedJdbcUrl(config.ports().mariaDb(), database);
    }

    /** The environment a process gets. */
    public Map<String, String> environment(String name) {
        return ServiceEnvironment.forInstance(instance(name), endpoints, secrets, config);
    }

    public Path logFile(String name) {
        return config.logFile(name);
    }

    public Optional<ProcessHandle> process(String name) {
        return Optional.ofNullable(running.get(name)).filter(ServiceProcess::isAlive).map(ServiceProcess::handle);
    }

    /** Processes that died since they were started (for the CLI's watch loop). */
    public Map<String, Integer> exitedServices() {
        Map<String, Integer> exited = new LinkedHashMap<>();
        running.forEach((name, p) -> {
            if (!p.isAlive()) {
                exited.put(name, p.exitValue());
            }
        });
        return exited;
    }

    // ---- internals ----------------------------------------------------------------------------

    private void launch(ServiceInstance instance) {
        Path jar = config.jar(instance.service());
        ClassDataSharing.Launch launch = cds.launch(instance.service().module(), jar, instance.index() == 1);
        ServiceProcess process = ServiceProcess.start(instance, launch, config.jvmOptions(),
                ServiceEnvironment.forInstance(instance, endpoints, secrets, config), config.logFile(instance.name()), config.repoRoot());
        running.put(instance.name(), process);
        PidFiles.write(config.runDir(), instance.name(), process.handle());
    }

    private void stopProcess(String name, boolean kill) {
        ServiceProcess p = running.remove(name);
        if (p == null) {
            return;
        }
        if (kill) {
            p.kill(cds);
        } else {
            p.stop(STOP_GRACE, cds);
        }
        PidFiles.delete(config.runDir(), name);
    }

    private void awaitHealthy(Set<String> names, long deadline) {
        Set<String> waiting = new LinkedHashSet<>(names);
        Map<String, HealthProbe.Health> last = new LinkedHashMap<>();
        while (!waiting.isEmpty()) {
            abortIfStopRequested();
            for (String name : new ArrayList<>(waiting)) {
                ServiceProcess p = running.get(name);
                if (p == null || !p.isAlive()) {
                    String code = p == null ? "?" : String.valueOf(p.exitValue());
                    throw new FleetStartException(name + " exited with code " + code + " before it was healthy; last "
                            + LOG_TAIL_LINES + " lines of " + config.logFile(name) + ":\n" + ServiceLogs.tail(config.logFile(name), LOG_TAIL_LINES));
                }
                HealthProbe.Health h = HealthProbe.check(config.localHost(p.instance().service()), p.instance().port(),
                        Duration.ofSeconds(2));
                if (h.isUp()) {
                    waiting.remove(name);
                    progress(name + " healthy on port " + p.instance().port());
                } else {
                    last.put(name, h);
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                StringBuilder msg = new StringBuilder("not healthy within " + config.startTimeout().toSeconds() + " s: ");
                for (String name : waiting) {
                    HealthProbe.Health h = last.get(name);
                    msg.append("\n\n").append(name).append(" (port ").append(port(name)).append(", health ")
                            .append(h == null ? "never asked" : h.state() + " " + h.detail()).append("); last ")
                            .append(LOG_TAIL_LINES).append(" lines of ").append(config.logFile(name)).append(":\n")
                            .append(ServiceLogs.tail(config.logFile(name), LOG_TAIL_LINES));
                }
                throw new FleetStartException(msg.toString());
            }
            if (!waiting.isEmpty()) {
                sleep(250);
            }
        }
    }

    private CompletableFuture<Void> prepareClassDataSharing() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Service service : config.services()) {
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    cds.prepare(service.module(), config.jar(service));
                } catch (RuntimeException e) {
                    progress("warning: no class data sharing for " + service.module() + ": " + e.getMessage());
                }
            }, pool));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private void requireJars() {
        List<String> missing = config.services().stream().map(config::jar).filter(j -> !Files.isRegularFile(j))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new FleetStartException("service jars missing: " + missing
                    + "\nbuild them with ./mvnw -DskipTests install (./guildhall up does it for you)");
        }
    }

    private void requirePortsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Ports ports = config.ports();
        ExternalInfra ext = config.external();
        if (!ext.hasDatabase()) {
            wanted.put("mariadb", ports.mariaDb());
        }
        if (!ext.hasRedis()) {
            wanted.put("redis", ports.redis());
        }
        if (!ext.hasKafka()) {
            wanted.put("kafka", ports.kafka());
            wanted.put("kafka controller", ports.kafkaController());
        }
        if (!ext.hasS3()) {
            wanted.put("s3", ports.s3());
        }
        instances.values().forEach(i -> wanted.put(i.name(), i.port()));
        List<String> busy = new ArrayList<>();
        wanted.forEach((what, port) -> {
            if (!FreePorts.isFree(port)) {
                busy.add(port + " (" + what + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new FleetStartException("ports already in use: " + String.join(", ", busy)
                    + "\nis another Guildhall running? ./guildhall status / ./guildhall down, or pick another --offset");
        }
    }

    /** What {@code guildhall status} and {@code logs} read while the fleet runs. */
    private void writeFleetFile() {
        StringBuilder text = new StringBuilder("# the running fleet, written by the launcher\n");
        text.append("offset=").append(config.portOffset()).append('\n');
        text.append("gateway.host=").append(config.localHost(Service.GATEWAY)).append('\n');
        for (ServiceInstance i : instances.values()) {
            text.append("instance.").append(i.name()).append('=').append(i.port()).append('\n');
        }
        try {
            Files.writeString(config.runDir().resolve("fleet.properties"), text, StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // status falls back to the defaults
        }
    }

    private void abortIfStopRequested() {
        if (stopRequested) {
            throw new FleetStartException("stopped while starting");
        }
    }

    private Infrastructure requireInfra() {
        requireStarted();
        return infra;
    }

    private void requireStarted() {
        if (lock == null || infra == null) {
            throw new IllegalStateException("the fleet is not started");
        }
    }

    private void progress(String line) {
        config.progress().accept(String.format("[%5.1fs] %s", (System.nanoTime() - startNanos) / 1e9, line));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetStartException("interrupted while waiting for the fleet");
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
