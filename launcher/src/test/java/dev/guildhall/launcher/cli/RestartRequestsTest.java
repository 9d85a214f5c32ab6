package dev.guildhall.launcher.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** 'guildhall restart' and the launcher's watch loop, as two threads sharing a run directory. */
class RestartRequestsTest {

    @Test
    void theLauncherRestartsWhatIsAskedAndAnswersTheAsker() throws Exception {
        Path run = Files.createTempDirectory("control-");
        List<String> restarted = new CopyOnWriteArrayList<>();
        AtomicBoolean serving = new AtomicBoolean(true);
        Thread launcher = new Thread(() -> {
            while (serving.get()) {
                RestartRequests.serve(run, name -> {
                    if (name.equals("broken")) {
                        throw new IllegalStateException("broken exited with code 1 before it was healthy");
                    }
                    restarted.add(name);
                    return null;
                });
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        launcher.start();
        try {
            assertThat(RestartRequests.request(run, "message-service", Duration.ofSeconds(10))).contains("ok");
            assertThat(restarted).containsExactly("message-service");
            assertThat(RestartRequests.request(run, "broken", Duration.ofSeconds(10)))
                    .contains("failed: broken exited with code 1 before it was healthy");
        } finally {
            serving.set(false);
            launcher.join();
        }
        // nobody serving: the asker gives up and leaves no request behind for a later launcher
        assertThat(RestartRequests.request(run, "message-service", Duration.ofMillis(300))).isEqualTo(Optional.empty());
        assertThat(RestartRequests.controlDir(run).resolve("message-service.restart")).doesNotExist();
    }
}
