package dev.guildhall.launcher.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
 *
 * <p>This class is the start/stop lifecycle and the fault injection tests use; the pieces live in
 * {@link Preflight} (jars and ports before anything starts), {@link Infrastructure} (embedded
 * servers), {@link ServiceSupervisor} (service processes and their health) and
 * {@link FleetDirectory} (where everything is).
 */
public final class Fleet implements AutoCloseable {

    private final FleetConfig config;
    private final FleetDirectory directory;
    private final ClassDataSharing cds;
    private final ServiceSupervisor services;
    private Infrastructure infra;
    private FleetLock lock;
    private ExecutorService pool;
    private Thread shutdownHook;
    private long startNanos;
    /** Set by {@link #stop()} from another thread (Ctrl-C) while {@link #start()} still runs. */
    private volatile boolean stopRequested;

    public Fleet(FleetConfig config) {
        this.config = config;
        this.directory = new FleetDirectory(config);
        this.cds = new ClassDataSharing(config.dataDir().resolve("cds"), config.classDataSharing());
        this.services = new ServiceSupervisor(config, directory, cds, this::progress);
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
            Preflight.check(config, directory.instances());
            Infrastructure.createDirectories(config.logDir(), config.runDir());
            AtomicInteger threads = new AtomicInteger();
            pool = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "fleet-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            CompletableFuture<Void> extracted = prepareClassDataSharing();
            infra = new Infrastructure(config, directory.endpoints(), cds);
            infra.start(pool, startNanos);
            extracted.join();
            abortIfStopRequested();
            directory.instances().forEach(services::launch);
            directory.writeRunFile();
            Set<String> names = new LinkedHashSet<>();
            directory.instances().forEach(i -> names.add(i.name()));
            services.awaitHealthy(names, deadline(), this::abortIfStopRequested);
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
        services.stopAll();
        if (infra != null) {
            progress("stopping infrastructure");
            infra.stop();
            infra = null;
        }
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
        directory.deleteRunFile();
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

    // ---- fault injection: single services ---------------------------------------------------

    /** Graceful stop (SIGTERM) of one process, e.g. {@code "websocket-service-2"}. */
    public void stopService(String name) {
        directory.instance(name);
        services.stop(name, false);
    }

    /** SIGKILL of one process: it dies as in a crash. */
    public void killService(String name) {
        directory.instance(name);
        services.stop(name, true);
    }

    /** Starts one process again (after a stop or kill) and waits until it is healthy. */
    public void startService(String name) {
        ServiceInstance instance = directory.instance(name);
        requireStarted();
        if (services.isRunning(name)) {
            return;
        }
        services.launch(instance);
        services.awaitHealthy(Set.of(name), deadline(), this::abortIfStopRequested);
    }

    public boolean isServiceRunning(String name) {
        return services.isRunning(name);
    }

    public HealthProbe.Health health(String name) {
        return HealthProbe.check(config.localHost(directory.instance(name).service()), port(name), Duration.ofSeconds(2));
    }

    // ---- fault injection: Kafka ---------------------------------------------------------------

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

    // ---- where things are (see FleetDirectory) ------------------------------------------------

    public FleetConfig config() {
        return config;
    }

    /** Ports, URLs, endpoints, environments and log files of this fleet. */
    public FleetDirectory directory() {
        return directory;
    }

    /** Every process of the fleet in start order. */
    public List<ServiceInstance> instances() {
        return directory.instances();
    }

    public ServiceInstance instance(String name) {
        return directory.instance(name);
    }

    public int port(String name) {
        return directory.port(name);
    }

    /** {@code http://localhost:<port>} of a process. */
    public String url(String name) {
        return directory.url(name);
    }

    /** The public entry point: {@code http://localhost:8080} (+ offset). */
    public String gatewayUrl() {
        return directory.gatewayUrl();
    }

    public Endpoints endpoints() {
        return directory.endpoints();
    }

    public String kafkaBootstrap() {
        return endpoints().kafkaBootstrap();
    }

    public String redisUrl() {
        return endpoints().redisUrl();
    }

    public String s3Endpoint() {
        return endpoints().s3Endpoint();
    }

    /** A JDBC URL of the embedded MariaDB for any database on it (root, no password). */
    public String jdbcUrl(String database) {
        return directory.jdbcUrl(database);
    }

    /** The environment a process gets. */
    public Map<String, String> environment(String name) {
        return directory.environment(name);
    }

    public Path logFile(String name) {
        return directory.logFile(name);
    }

    public Optional<ProcessHandle> process(String name) {
        return services.process(name);
    }

    /** Processes that died since they were started (for the CLI's watch loop). */
    public Map<String, Integer> exitedServices() {
        return services.exited();
    }

    // ---- internals ----------------------------------------------------------------------------

    private long deadline() {
        return System.nanoTime() + config.startTimeout().toNanos();
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
}
