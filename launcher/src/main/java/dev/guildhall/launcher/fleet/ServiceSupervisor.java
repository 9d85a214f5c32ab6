package dev.guildhall.launcher.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.guildhall.launcher.supervision.ExitStatus;
import dev.guildhall.launcher.supervision.Supervisor;

/**
 * The service processes of a fleet: starts each as its own JVM (with its class data sharing archive
 * and pid file), waits until they report healthy, stops or kills them.
 */
final class ServiceSupervisor {

    /**
     * A service's shutdown grace: Spring's graceful shutdown may take 20 s per phase (a websocket node first
     * sends op 7 RECONNECT and drains), the CDS archive is written after it; SIGKILL after this.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(40);
    private static final int LOG_TAIL_LINES = 40;

    private final FleetConfig config;
    private final FleetDirectory directory;
    private final ClassDataSharing cds;
    private final Consumer<String> progress;
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();

    ServiceSupervisor(FleetConfig config, FleetDirectory directory, ClassDataSharing cds, Consumer<String> progress) {
        this.config = config;
        this.directory = directory;
        this.cds = cds;
        this.progress = progress;
    }

    void launch(ServiceInstance instance) {
        Path jar = config.jar(instance.service());
        ClassDataSharing.Launch launch = cds.launch(instance.service().module(), jar, instance.index() == 1);
        ServiceProcess process = ServiceProcess.start(instance, launch, config.jvmOptions(),
                directory.environment(instance), config.logFile(instance.name()), config.repoRoot());
        running.put(instance.name(), process);
        PidFiles.write(config.runDir(), instance.name(), process.handle());
    }

    /**
     * Starts a process again after it died on its own (the supervisor's restart): clears what the
     * dead one left, launches it and waits until it is healthy; kills it again when it is not.
     *
     * @param checkReleased throws when the launcher stops this process meanwhile (then it is left to that stop)
     */
    Supervisor.Started relaunch(ServiceInstance instance, long deadline, Runnable checkReleased) {
        stop(instance.name(), true); // the dead process: its pid file, and a CDS archive it may have half written
        checkReleased.run();
        launch(instance);
        try {
            awaitHealthy(Set.of(instance.name()), deadline, checkReleased);
        } catch (Supervisor.Released e) {
            throw e;
        } catch (RuntimeException e) {
            stop(instance.name(), true);
            throw e;
        }
        return started(instance.name());
    }

    /**
     * Replaces a running process by a successor on the same port (the gateway's {@code SO_REUSEPORT}, ADR 277): the
     * successor is started beside it and, once it listens on the port and has had {@code settle} to finish starting,
     * the old one is stopped gracefully — it closes its listening socket first, so new connections all reach the
     * successor while it finishes what it serves.
     *
     * @return how the old one ended ({@code null} when it was not running: then the successor is simply started)
     */
    ExitStatus handOver(ServiceInstance instance, long deadline, Duration settle, Runnable abortIfStopRequested) {
        ServiceProcess old = running.get(instance.name());
        Path jar = config.jar(instance.service());
        ServiceProcess successor = ServiceProcess.start(instance, cds.launch(instance.service().module(), jar, false),
                config.jvmOptions(), directory.environment(instance), config.logFile(instance.name()), config.repoRoot());
        try {
            while (!ListeningSockets.listens(successor.handle().pid(), instance.port())) {
                abortIfStopRequested.run();
                if (!successor.isAlive()) {
                    throw new FleetStartException(instance.name() + "'s successor exited with code " + successor.exitValue()
                            + " before it listened; last " + LOG_TAIL_LINES + " lines of " + config.logFile(instance.name())
                            + ":\n" + ServiceLogs.tail(config.logFile(instance.name()), LOG_TAIL_LINES));
                }
                if (System.nanoTime() > deadline) {
                    throw new FleetStartException(instance.name() + "'s successor did not listen on port "
                            + instance.port() + " within " + config.startTimeout().toSeconds() + " s");
                }
                sleep(100);
            }
            sleep(settle.toMillis());
        } catch (RuntimeException e) {
            successor.kill(cds);
            throw e;
        }
        ExitStatus exit = null;
        if (old != null) {
            old.stop(STOP_GRACE, cds);
            exit = old.isAlive() ? null : new ExitStatus(old.exitValue(), Instant.now());
        }
        running.put(instance.name(), successor);
        PidFiles.write(config.runDir(), instance.name(), successor.handle());
        return exit;
    }

    /** The running process, for the supervisor. */
    Supervisor.Started started(String name) {
        ServiceProcess p = running.get(name);
        if (p == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return Supervisor.Started.of(p.process());
    }

    /**
     * SIGTERM (SIGKILL after the shutdown grace), or SIGKILL at once when {@code kill}.
     *
     * @return how it ended, or {@code null} when it was not running
     */
    ExitStatus stop(String name, boolean kill) {
        ServiceProcess p = running.remove(name);
        if (p == null) {
            return null;
        }
        if (kill) {
            p.kill(cds);
        } else {
            p.stop(STOP_GRACE, cds);
        }
        PidFiles.delete(config.runDir(), name);
        return p.isAlive() ? null : new ExitStatus(p.exitValue(), Instant.now());
    }

    /** Stops every running process in parallel and returns when all are gone. */
    void stopAll() {
        if (running.isEmpty()) {
            return;
        }
        progress.accept("stopping " + running.size() + " services");
        List<Thread> stoppers = new ArrayList<>();
        for (String name : new ArrayList<>(running.keySet())) {
            Thread t = new Thread(() -> stop(name, false), "stop-" + name);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            joinQuietly(t);
        }
    }

    boolean isRunning(String name) {
        ServiceProcess p = running.get(name);
        return p != null && p.isAlive();
    }

    Optional<ProcessHandle> process(String name) {
        return Optional.ofNullable(running.get(name)).filter(ServiceProcess::isAlive).map(ServiceProcess::handle);
    }

    /** Processes that died since they were started (for the CLI's watch loop). */
    Map<String, Integer> exited() {
        Map<String, Integer> exited = new LinkedHashMap<>();
        running.forEach((name, p) -> {
            if (!p.isAlive()) {
                exited.put(name, p.exitValue());
            }
        });
        return exited;
    }

    /**
     * Returns when every named process reports healthy.
     *
     * @param abortIfStopRequested called between rounds; throws to give up
     * @throws FleetStartException when one exits first or the deadline passes, with its log tail
     */
    void awaitHealthy(Set<String> names, long deadline, Runnable abortIfStopRequested) {
        Set<String> waiting = new LinkedHashSet<>(names);
        Map<String, HealthProbe.Health> last = new LinkedHashMap<>();
        while (!waiting.isEmpty()) {
            abortIfStopRequested.run();
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
                    progress.accept(name + " healthy on port " + p.instance().port());
                } else {
                    last.put(name, h);
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                throw notHealthy(waiting, last);
            }
            if (!waiting.isEmpty()) {
                sleep(250);
            }
        }
    }

    private FleetStartException notHealthy(Set<String> waiting, Map<String, HealthProbe.Health> last) {
        StringBuilder msg = new StringBuilder("not healthy within " + config.startTimeout().toSeconds() + " s: ");
        for (String name : waiting) {
            HealthProbe.Health h = last.get(name);
            ServiceProcess p = running.get(name);
            msg.append("\n\n").append(name).append(" (port ").append(p != null ? p.instance().port() : directory.port(name))
                    .append(", health ")
                    .append(h == null ? "never asked" : h.state() + " " + h.detail()).append("); last ")
                    .append(LOG_TAIL_LINES).append(" lines of ").append(config.logFile(name)).append(":\n")
                    .append(ServiceLogs.tail(config.logFile(name), LOG_TAIL_LINES));
        }
        return new FleetStartException(msg.toString());
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
