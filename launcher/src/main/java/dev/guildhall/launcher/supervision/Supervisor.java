package dev.guildhall.launcher.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Restarts processes that die on their own, with {@link BackOff} between attempts (ADR 170). A
 * process is {@linkplain #watch watched} once started; the launcher {@linkplain #release releases}
 * it before it stops it itself (Ctrl-C, {@code restart}, fault injection), so a stop the launcher
 * asked for is never mistaken for a crash. A restart the launcher gave up on (the process died or
 * was not ready in time) counts as one more consecutive failure and waits the next, longer delay.
 *
 * <p>Nothing here knows what a service or a broker is: the caller hands over a {@link Starter}
 * that starts the process again and returns once it is ready.
 */
public final class Supervisor implements AutoCloseable {

    /** A process as started: its pid and how it ends. */
    public interface Started {
        long pid();

        CompletableFuture<ExitStatus> exit();

        /** A child process of this JVM: its exit code is known. */
        static Started of(Process process) {
            CompletableFuture<ExitStatus> exit = process.onExit().thenApply(p -> new ExitStatus(p.exitValue(), Instant.now()));
            long pid = process.pid();
            return new Started() {
                public long pid() {
                    return pid;
                }

                public CompletableFuture<ExitStatus> exit() {
                    return exit;
                }
            };
        }

        /** Any process (e.g. one a library started): its exit code is not known. */
        static Started of(ProcessHandle handle) {
            CompletableFuture<ExitStatus> exit = handle.onExit().thenApply(p -> new ExitStatus(null, Instant.now()));
            long pid = handle.pid();
            return new Started() {
                public long pid() {
                    return pid;
                }

                public CompletableFuture<ExitStatus> exit() {
                    return exit;
                }
            };
        }
    }

    /**
     * Starts the process again and returns when it is ready. Should call {@code checkReleased}
     * while it waits: it throws once the launcher releases the process (it is stopping it).
     * Throws when the process did not become ready; it must then not be left running.
     */
    @FunctionalInterface
    public interface Starter {
        Started start(Runnable checkReleased) throws Exception;
    }

    /** Where a supervised process is. */
    public enum Phase { RUNNING, BACKING_OFF, RESTARTING, STOPPED }

    /**
     * What {@code guildhall status} shows of one process.
     *
     * @param restarts    how often the supervisor started it again after it died
     * @param lastExit    how it last ended, {@code null} if it never did
     * @param nextAttempt when the next restart is due (while {@link Phase#BACKING_OFF})
     */
    public record Status(String name, Phase phase, int restarts, ExitStatus lastExit, Instant nextAttempt) {
    }

    /** Thrown by {@code checkReleased} to end a restart the launcher no longer wants. */
    public static final class Released extends RuntimeException {
        Released(String name) {
            super(name + " is being stopped by the launcher");
        }
    }

    private final class Entry {
        final String name;
        final ReentrantLock restarting = new ReentrantLock();
        Starter starter;
        long generation;
        boolean released = true;
        Phase phase = Phase.STOPPED;
        int restarts;
        int consecutiveFailures;
        Instant upSince;
        ExitStatus lastExit;
        Instant nextAttempt;
        ScheduledFuture<?> pending;

        Entry(String name) {
            this.name = name;
        }

        synchronized Status status() {
            return new Status(name, phase, restarts, lastExit, phase == Phase.BACKING_OFF ? nextAttempt : null);
        }
    }

    private final BackOff backOff;
    private final Clock clock;
    private final Consumer<String> events;
    private final Consumer<List<Status>> onChange;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /**
     * @param events   one line per crash and restart, for the launcher's console
     * @param onChange every status after any change (the launcher writes them for {@code guildhall status})
     */
    public Supervisor(BackOff backOff, Clock clock, Consumer<String> events, Consumer<List<Status>> onChange) {
        this.backOff = backOff;
        this.clock = clock;
        this.events = events;
        this.onChange = onChange;
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "supervisor-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Supervises a process the launcher has just started (and found ready). */
    public void watch(String name, Started running, Starter starter) {
        if (closed) {
            return;
        }
        Entry e = entries.computeIfAbsent(name, Entry::new);
        long generation;
        synchronized (e) {
            cancelPending(e);
            e.starter = starter;
            e.released = false;
            generation = ++e.generation;
            running(e);
        }
        follow(e, running, generation);
        changed();
    }

    /**
     * The launcher is about to stop the process itself: its exit is not a crash, and a restart that
     * is due is cancelled. Waits for a restart in progress to give up (its starter sees
     * {@code checkReleased} throw), so the caller then stops whatever that restart left running.
     */
    public void release(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            return;
        }
        synchronized (e) {
            e.released = true;
            e.generation++;
            cancelPending(e);
            e.phase = Phase.STOPPED;
        }
        e.restarting.lock();
        e.restarting.unlock();
        changed();
    }

    /** Records how a process the launcher stopped itself ended (after {@link #release}). */
    public void stoppedWith(String name, ExitStatus exit) {
        Entry e = entries.computeIfAbsent(name, Entry::new);
        synchronized (e) {
            e.lastExit = exit;
        }
        changed();
    }

    public Status status(String name) {
        Entry e = entries.get(name);
        return e == null ? new Status(name, Phase.STOPPED, 0, null, null) : e.status();
    }

    public List<Status> statuses() {
        List<Status> all = new ArrayList<>();
        entries.values().forEach(e -> all.add(e.status()));
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    /** Releases every process and stops scheduling; the launcher then stops them. */
    @Override
    public void close() {
        closed = true;
        new ArrayList<>(entries.keySet()).forEach(this::release);
        scheduler.shutdownNow();
    }

    // ---- internals ------------------------------------------------------------------------------

    private void follow(Entry e, Started running, long generation) {
        running.exit().thenAccept(exit -> exited(e, generation, exit));
    }

    private void exited(Entry e, long generation, ExitStatus exit) {
        Duration delay;
        int failure;
        synchronized (e) {
            if (closed || e.released || e.generation != generation) {
                return; // the launcher stopped it, or this is an earlier run's exit
            }
            e.lastExit = exit;
            if (e.upSince != null && Duration.between(e.upSince, exit.at()).compareTo(backOff.resetAfter()) >= 0) {
                e.consecutiveFailures = 0;
            }
            failure = ++e.consecutiveFailures;
            delay = schedule(e, generation);
        }
        events.accept(e.name + " died (" + exit.describe() + "); restarting in " + seconds(delay)
                + (failure > 1 ? " (failure " + failure + " in a row)" : ""));
        changed();
    }

    /** Holding e's monitor: the next attempt after the current back-off. */
    private Duration schedule(Entry e, long generation) {
        Duration delay = backOff.delay(e.consecutiveFailures);
        e.phase = Phase.BACKING_OFF;
        e.upSince = null;
        e.nextAttempt = clock.instant().plus(delay);
        if (!closed) {
            e.pending = scheduler.schedule(() -> restart(e, generation), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return delay;
    }

    private void restart(Entry e, long generation) {
        e.restarting.lock();
        try {
            Starter starter;
            synchronized (e) {
                if (closed || e.released || e.generation != generation) {
                    return;
                }
                e.phase = Phase.RESTARTING;
                e.restarts++;
                starter = e.starter;
            }
            changed();
            Started started;
            try {
                started = starter.start(() -> {
                    if (closed || e.released) {
                        throw new Released(e.name);
                    }
                });
            } catch (Exception | Error failure) {
                if (failure instanceof Released || closed) {
                    return;
                }
                Duration delay;
                int failures;
                synchronized (e) {
                    if (e.released || e.generation != generation) {
                        return;
                    }
                    failures = ++e.consecutiveFailures;
                    delay = schedule(e, generation);
                }
                events.accept(e.name + " did not come back (" + firstLine(failure) + "); next try in " + seconds(delay)
                        + " (failure " + failures + " in a row)");
                changed();
                return;
            }
            long next;
            synchronized (e) {
                if (e.released || e.generation != generation) {
                    return; // the caller stops what was started
                }
                next = ++e.generation;
                running(e);
            }
            events.accept(e.name + " restarted (pid " + started.pid() + ", restart " + e.restarts + ")");
            follow(e, started, next);
            changed();
        } finally {
            e.restarting.unlock();
        }
    }

    private void running(Entry e) {
        e.phase = Phase.RUNNING;
        e.upSince = clock.instant();
        e.nextAttempt = null;
    }

    private static void cancelPending(Entry e) {
        if (e.pending != null) {
            e.pending.cancel(false);
            e.pending = null;
        }
    }

    private void changed() {
        try {
            onChange.accept(statuses());
        } catch (RuntimeException ignored) {
            // a status file that cannot be written must not stop supervision
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
