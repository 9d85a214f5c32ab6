package dev.guildhall.launcher.supervision;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor on real child processes ({@code sleep}), killed with real signals. */
class SupervisorTest {

    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> startTimes = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stopAll() {
        if (supervisor != null) {
            supervisor.close();
        }
        started.forEach(Process::destroyForcibly);
    }

    /** Polls until the condition holds, failing after the timeout. */
    static void waitUntil(Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private Supervisor.Started sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "600").start();
        started.add(p);
        startTimes.add(System.nanoTime());
        return Supervisor.Started.of(p);
    }

    private Process current() {
        return started.get(started.size() - 1);
    }

    private Supervisor supervisor(BackOff backOff) {
        supervisor = new Supervisor(backOff, Clock.systemUTC(), events::add, statuses -> { });
        return supervisor;
    }

    @Test
    void aProcessKilledWithSigkillIsRestartedWithGrowingBackOffAndCounted() throws Exception {
        Supervisor s = supervisor(new BackOff(Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        s.watch("worker", sleeper(), checkReleased -> sleeper());

        long killed = System.nanoTime();
        current().toHandle().destroyForcibly(); // SIGKILL from outside, as the kernel's OOM killer would
        waitUntil(Duration.ofSeconds(10), () -> started.size() == 2);
        waitUntil(Duration.ofSeconds(5), () -> s.status("worker").phase() == Supervisor.Phase.RUNNING);
        assertThat(Duration.ofNanos(startTimes.get(1) - killed)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(current().isAlive()).isTrue();
        Supervisor.Status status = s.status("worker");
        assertThat(status.restarts()).isEqualTo(1);
        assertThat(status.lastExit().code()).isEqualTo(137);
        assertThat(status.lastExit().describe()).isEqualTo("SIGKILL");
        assertThat(events).anyMatch(e -> e.contains("worker died (SIGKILL); restarting in 400 ms"));

        killed = System.nanoTime();
        current().toHandle().destroyForcibly();
        waitUntil(Duration.ofSeconds(10), () -> started.size() == 3);
        // the second failure in a row waits twice as long
        assertThat(Duration.ofNanos(startTimes.get(2) - killed)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        waitUntil(Duration.ofSeconds(5), () -> s.status("worker").restarts() == 2
                && s.status("worker").phase() == Supervisor.Phase.RUNNING);
        assertThat(events).anyMatch(e -> e.contains("restarting in 800 ms (failure 2 in a row)"));
    }

    @Test
    void aProcessUpLongerThanTheResetTimeStartsOverAtTheFirstDelay() throws Exception {
        Supervisor s = supervisor(new BackOff(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(1500)));
        s.watch("worker", sleeper(), checkReleased -> sleeper());
        current().toHandle().destroyForcibly();
        waitUntil(Duration.ofSeconds(10), () -> started.size() == 2 && s.status("worker").phase() == Supervisor.Phase.RUNNING);

        Thread.sleep(2000); // healthy for longer than resetAfter
        long killed = System.nanoTime();
        current().toHandle().destroyForcibly();
        waitUntil(Duration.ofSeconds(10), () -> started.size() == 3);
        assertThat(Duration.ofNanos(startTimes.get(2) - killed)).isLessThan(Duration.ofMillis(600 - 50));
        assertThat(events).filteredOn(e -> e.contains("restarting in 300 ms")).hasSize(2);
    }

    @Test
    void aProcessTheLauncherStopsItselfIsNotRestarted() throws Exception {
        Supervisor s = supervisor(new BackOff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(10)));
        s.watch("worker", sleeper(), checkReleased -> sleeper());
        s.release("worker");
        current().destroy(); // SIGTERM: the launcher's own stop
        current().waitFor();
        Thread.sleep(600);
        assertThat(started).hasSize(1);
        assertThat(s.status("worker").phase()).isEqualTo(Supervisor.Phase.STOPPED);
        assertThat(s.status("worker").restarts()).isZero();

        // watched again after the launcher started it itself: a crash is restarted again
        s.watch("worker", sleeper(), checkReleased -> sleeper());
        current().toHandle().destroyForcibly();
        waitUntil(Duration.ofSeconds(5), () -> started.size() == 3);
    }

    @Test
    void aRestartDueWhenTheLauncherStopsIsCancelled() throws Exception {
        Supervisor s = supervisor(new BackOff(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMinutes(10)));
        s.watch("worker", sleeper(), checkReleased -> sleeper());
        current().toHandle().destroyForcibly();
        waitUntil(Duration.ofSeconds(2), () -> s.status("worker").phase() == Supervisor.Phase.BACKING_OFF);
        s.close(); // Ctrl-C while a restart waits out its back-off
        Thread.sleep(1000);
        assertThat(started).hasSize(1);
    }

    @Test
    void aRestartThatFailsBacksOffLongerAndTriesAgain() throws Exception {
        Supervisor s = supervisor(new BackOff(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        AtomicInteger attempts = new AtomicInteger();
        s.watch("worker", sleeper(), checkReleased -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("worker exited with code 1 before it was healthy");
            }
            return sleeper();
        });
        current().toHandle().destroyForcibly();
        waitUntil(Duration.ofSeconds(10), () -> started.size() == 2 && s.status("worker").phase() == Supervisor.Phase.RUNNING);
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(s.status("worker").restarts()).isEqualTo(2);
        assertThat(events).anyMatch(e -> e.contains("did not come back (worker exited with code 1 before it was healthy); next try in 400 ms"));
    }

    @Test
    void theStatusFileCarriesRestartsAndTheLastExitToAnotherProcess() throws Exception {
        Path run = Files.createTempDirectory("supervision-");
        Supervisor s = new Supervisor(new BackOff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                Clock.systemUTC(), events::add, statuses -> SupervisionFile.write(run, statuses));
        supervisor = s;
        s.watch("worker", sleeper(), checkReleased -> sleeper());
        current().toHandle().destroyForcibly();
        waitUntil(Duration.ofSeconds(5), () -> {
            Supervisor.Status read = SupervisionFile.read(run).get("worker");
            return read != null && read.restarts() == 1 && read.phase() == Supervisor.Phase.RUNNING;
        });
        assertThat(SupervisionFile.read(run).get("worker").lastExit().describe()).isEqualTo("SIGKILL");
        SupervisionFile.delete(run);
        assertThat(SupervisionFile.read(run)).isEmpty();
        Files.deleteIfExists(run);
    }
}
