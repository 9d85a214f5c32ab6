package dev.guildhall.launcher.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** 'guildhall restart' and the launcher's watch loop, as two threads sharing a run directory. */
class RestartRequestsTest {

    @Test
    void theLauncherRestartsWhatIsAskedAndAnswersTheAsker() throws Exception {
        Path run = Files.createTempDirectory("control-");
        List<String> restarted = new CopyOnWriteArrayList<>();
        try (Launcher launcher = new Launcher(run, Duration.ofSeconds(30), name -> {
            if (name.equals("broken")) {
                throw new IllegalStateException("broken exited with code 1 before it was healthy");
            }
            restarted.add(name);
            return null;
        })) {
            assertThat(RestartRequests.request(run, "message-service", Duration.ofSeconds(10), launcher::alive)).contains("ok");
            assertThat(restarted).containsExactly("message-service");
            assertThat(RestartRequests.request(run, "broken", Duration.ofSeconds(10), launcher::alive))
                    .contains("failed: broken exited with code 1 before it was healthy");
        }
        // nobody serving: the asker gives up and leaves no request behind for a later launcher
        assertThat(RestartRequests.request(run, "message-service", Duration.ofMillis(300), () -> true)).isEqualTo(Optional.empty());
        assertThat(RestartRequests.controlDir(run).resolve("message-service.restart")).doesNotExist();
    }

    @Test
    void anAcceptedRestartIsWaitedForAsLongAsTheLauncherAllowsNotOnlyUntilThePickupTime() throws Exception {
        Path run = Files.createTempDirectory("control-");
        // a restart beside a standby starts two processes: longer than the asker's own guess
        try (Launcher launcher = new Launcher(run, Duration.ofSeconds(30), name -> {
            sleep(1500);
            return null;
        })) {
            assertThat(RestartRequests.request(run, "media-node", Duration.ofMillis(700), launcher::alive)).contains("ok");
        }
    }

    @Test
    void theAskerStopsWaitingWhenTheLauncherIsGone() throws Exception {
        Path run = Files.createTempDirectory("control-");
        AtomicBoolean alive = new AtomicBoolean(true);
        try (Launcher launcher = new Launcher(run, Duration.ofMinutes(10), name -> {
            alive.set(false); // the launcher dies during the restart: no answer will come
            sleep(60_000);
            return null;
        })) {
            long started = System.nanoTime();
            assertThat(RestartRequests.request(run, "media-node", Duration.ofMinutes(5), alive::get)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The launcher's watch loop on a thread. */
    private static final class Launcher implements AutoCloseable {
        private final AtomicBoolean serving = new AtomicBoolean(true);
        private final Thread thread;

        Launcher(Path run, Duration limit, Function<String, Void> restart) {
            thread = new Thread(() -> {
                while (serving.get() && !Thread.currentThread().isInterrupted()) {
                    RestartRequests.serve(run, limit, restart);
                    sleep(50);
                }
            });
            thread.start();
        }

        boolean alive() {
            return serving.get();
        }

        @Override
        public void close() throws InterruptedException {
            serving.set(false);
            thread.interrupt();
            thread.join();
        }
    }
}
