package dev.guildhall.launcher.fleet;

import java.nio.file.Path;
import java.time.Clock;
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

import dev.guildhall.launcher.supervision.BackOff;
import dev.guildhall.launcher.supervision.ExitStatus;
import dev.guildhall.launcher.supervision.SupervisionFile;
import dev.guildhall.launcher.supervision.Supervisor;

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
 * <p>Once healthy, every process is supervised ({@link Supervisor}, ADR 170): one that dies on its own is
 * restarted with back-off; one the launcher stops itself (Ctrl-C, {@link #restartService}, the fault
 * injection below) is not.
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
    private Supervisor supervisor;
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
            superviseEverything();
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
        if (supervisor != null) {
            supervisor.close(); // from here on every exit is one the launcher asked for
            supervisor = null;
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
        SupervisionFile.delete(config.runDir());
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

    /**
     * Graceful stop (SIGTERM) of one process, e.g. {@code "websocket-service-2"}. It stays down (the
     * supervisor does not restart it) until {@link #startService}.
     */
    public void stopService(String name) {
        directory.instance(name);
        release(name);
        noteStop(name, services.stop(name, false));
    }

    /**
     * SIGKILL of one process by the launcher: it dies as in a crash but stays down until
     * {@link #startService} (an outage a test controls). A crash the supervisor answers is a SIGKILL from
     * outside: {@code fleet.process(name).get().destroyForcibly()}.
     */
    public void killService(String name) {
        directory.instance(name);
        release(name);
        noteStop(name, services.stop(name, true));
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
        superviseService(instance);
    }

    /**
     * A graceful restart, as {@code guildhall restart NAME} asks: SIGTERM (a websocket node sends its
     * clients op 7 RECONNECT and drains), wait for the exit within the service's shutdown grace
     * (SIGKILL after it), start it and wait until it is healthy. The supervisor does not count it as a
     * crash; {@code status} shows its exit as the last one.
     */
    public void restartService(String name) {
        ServiceInstance instance = directory.instance(name);
        requireStarted();
        if (instance.service() == Service.GATEWAY && services.isRunning(name)) {
            restartByHandover(instance);
            return;
        }
        Optional<ServiceInstance> standby = config.standbyOf(instance);
        if (standby.isPresent()) {
            restartBesideStandby(instance, standby.get());
            return;
        }
        progress("restarting " + name + " (graceful stop, up to " + ServiceSupervisor.STOP_GRACE.toSeconds() + " s)");
        release(name);
        ExitStatus exit = services.stop(name, false);
        noteStop(name, exit);
        progress(name + " stopped (" + (exit == null ? "was not running" : exit.describe()) + "), starting it");
        services.launch(instance);
        services.awaitHealthy(Set.of(name), deadline(), this::abortIfStopRequested);
        superviseService(instance);
    }

    /**
     * The longest a {@link #restartService} may take: one beside a standby starts two processes and stops two, each
     * within the start timeout and the shutdown grace, with the handovers between.
     */
    public Duration restartTimeLimit() {
        return config.startTimeout().plus(ServiceSupervisor.STOP_GRACE).multipliedBy(2).plusMinutes(1);
    }

    /**
     * A restart during which the service never stops serving (ADR 276): its standby is started and becomes ready (the
     * gateway asks its readiness every 500 ms) and warms on a growing share of the requests (ADR 278), the instance
     * stops gracefully — its readiness refuses traffic for the drain delay while it still answers, so the gateway has
     * moved to the standby before its web server stops — starts again, becomes ready and warms the same way, and the
     * standby stops as the instance did. A media node (ADR 280): the standby node reports itself, the first one stops
     * draining — voice-service moves its conferences to the standby and tells their members ({@code
     * VOICE_SERVER_UPDATE}) while it still forwards — starts again, and the standby drains back to it.
     */
    private void restartBesideStandby(ServiceInstance instance, ServiceInstance standby) {
        String name = instance.name();
        Duration handover = instance.service() == Service.MEDIA ? MEDIA_NODE_REPORTED : STANDBY_HANDOVER;
        progress("restarting " + name + " beside a standby on port " + standby.port());
        services.stop(standby.name(), true); // one a failed restart may have left
        services.launch(standby);
        try {
            services.awaitHealthy(Set.of(standby.name()), deadline(), this::abortIfStopRequested);
            pause(handover);
            release(name);
            ExitStatus exit = services.stop(name, false);
            noteStop(name, exit);
            progress(name + " stopped (" + (exit == null ? "was not running" : exit.describe())
                    + ") while its standby served; starting it");
            services.launch(instance);
            services.awaitHealthy(Set.of(name), deadline(), this::abortIfStopRequested);
            superviseService(instance);
            pause(handover);
        } finally {
            ExitStatus exit = services.stop(standby.name(), false);
            progress(standby.name() + " stopped (" + (exit == null ? "was not running" : exit.describe()) + ")");
        }
    }

    /**
     * The gateway's restart (ADR 277): its successor listens on the same port beside it (SO_REUSEPORT), then it stops
     * gracefully — closing its listening socket, its proxied WebSockets with 1012 (ADR 274) — so no connection is
     * refused and clients' reconnects reach the successor at once.
     */
    private void restartByHandover(ServiceInstance instance) {
        String name = instance.name();
        progress("restarting " + name + ": its successor listens on port " + instance.port() + " beside it");
        release(name);
        ExitStatus exit = services.handOver(instance, deadline(), GATEWAY_SETTLE, this::abortIfStopRequested);
        noteStop(name, exit);
        progress(name + " handed over (" + (exit == null ? "was not running" : exit.describe()) + ")");
        services.awaitHealthy(Set.of(name), deadline(), this::abortIfStopRequested);
        superviseService(instance);
    }

    /** What a gateway that listens is given to finish its start (Redis, routes) before its predecessor stops. */
    private static final Duration GATEWAY_SETTLE = Duration.ofSeconds(2);

    /**
     * From an instance's readiness to stopping the other one: the gateway's slow start (ADR 278), in which the fresh
     * instance's share of the requests grows to a full one, plus two of its 500 ms readiness polls.
     */
    private static final Duration STANDBY_HANDOVER = ServiceEnvironment.STANDBY_SLOW_START.plusSeconds(1);

    /**
     * From a media node's health to stopping the other one (ADR 280): its first load report (every 2 s) is in Redis,
     * where voice-service looks for a node to move conferences to.
     */
    private static final Duration MEDIA_NODE_REPORTED = Duration.ofSeconds(3);

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetStartException("interrupted during a restart");
        }
    }

    public boolean isServiceRunning(String name) {
        return services.isRunning(name);
    }

    public HealthProbe.Health health(String name) {
        return HealthProbe.check(config.localHost(directory.instance(name).service()), port(name), Duration.ofSeconds(2));
    }

    // ---- fault injection: Kafka ---------------------------------------------------------------

    /** Controlled shutdown of the embedded broker (its data stays); it stays down until {@link #startKafka}. */
    public void stopKafka() {
        Infrastructure i = requireInfra();
        release("kafka");
        i.stopKafka();
        progress("kafka stopped");
    }

    /** SIGKILL of the embedded broker by the launcher; it stays down until {@link #startKafka}. */
    public void killKafka() {
        Infrastructure i = requireInfra();
        release("kafka");
        i.killKafka();
        progress("kafka killed");
    }

    /** Starts the embedded broker again and waits until it answers. */
    public void startKafka() {
        requireInfra().startKafka();
        superviseInfrastructure("kafka");
        progress("kafka started");
    }

    // ---- supervision (ADR 170) ----------------------------------------------------------------

    /** Restarts and last exit of every supervised process (empty when supervision is off). */
    public List<Supervisor.Status> supervision() {
        Supervisor s = supervisor;
        return s == null ? List.of() : s.statuses();
    }

    /** Restarts and last exit of one process. */
    public Supervisor.Status supervision(String name) {
        Supervisor s = supervisor;
        return s == null ? new Supervisor.Status(name, Supervisor.Phase.STOPPED, 0, null, null) : s.status(name);
    }

    private void superviseEverything() {
        BackOff backOff = config.restartBackOff();
        if (backOff == null) {
            return;
        }
        supervisor = new Supervisor(backOff, Clock.systemUTC(), this::progress,
                statuses -> SupervisionFile.write(config.runDir(), statuses));
        Infrastructure.PIECES.forEach(this::superviseInfrastructure);
        directory.instances().forEach(this::superviseService);
    }

    private void superviseService(ServiceInstance instance) {
        Supervisor s = supervisor;
        if (s != null) {
            s.watch(instance.name(), services.started(instance.name()),
                    checkReleased -> services.relaunch(instance, deadline(), () -> {
                        checkReleased.run();
                        abortIfStopRequested();
                    }));
        }
    }

    private void superviseInfrastructure(String piece) {
        Supervisor s = supervisor;
        Infrastructure i = infra;
        if (s != null && i != null) {
            i.started(piece).ifPresent(started -> s.watch(piece, started, checkReleased -> {
                checkReleased.run();
                return i.restart(piece);
            }));
        }
    }

    private void release(String name) {
        Supervisor s = supervisor;
        if (s != null) {
            s.release(name);
        }
    }

    private void noteStop(String name, ExitStatus exit) {
        Supervisor s = supervisor;
        if (s != null && exit != null) {
            s.stoppedWith(name, exit);
        }
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

    /** Processes that died since they were started and were not started again. */
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
