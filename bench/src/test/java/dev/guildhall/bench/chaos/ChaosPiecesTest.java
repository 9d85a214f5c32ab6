package dev.guildhall.bench.chaos;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaosPiecesTest {

    @Test
    void victimsAreFoundThroughPidFilesAndTheSupervisorsStateAndKilledWithSigkill(@TempDir Path data) throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        try {
            Files.createDirectories(data.resolve("run"));
            Files.createDirectories(data.resolve("redis"));
            Files.writeString(data.resolve("run/message-service.pid"), sleeper.pid() + " 0\n");
            Files.writeString(data.resolve("run/supervision.properties"), """
                    redis.phase=BACKING_OFF
                    redis.restarts=2
                    message-service.phase=RUNNING
                    message-service.restarts=0
                    gateway-service.phase=RUNNING
                    gateway-service.restarts=1
                    """);
            Victims victims = new Victims(data);

            assertThat(victims.all()).containsExactly("gateway-service", "message-service", "redis");
            assertThat(victims.restarts("redis")).isEqualTo(2);
            assertThat(victims.restarts("kafka")).isEqualTo(-1);
            assertThat(victims.running("message-service")).isTrue();
            assertThat(victims.running("redis")).isFalse();
            assertThat(victims.process("redis")).isEmpty();

            assertThat(victims.kill("message-service")).isEqualTo(sleeper.pid());
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sleeper.exitValue()).as("128 + SIGKILL").isEqualTo(137);
            assertThatThrownBy(() -> victims.kill("message-service")).isInstanceOf(IllegalStateException.class);
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void backUnderTargetIsTheFirstOfThreeWindowsInARowUnderIt() {
        Histogram[] windows = new Histogram[7];
        double[] p99s = {900, 40, 950, 40, 50, 60, 900};
        for (int k = 0; k < windows.length; k++) {
            windows[k] = new Histogram(3_600_000_000L, 3);
            windows[k].recordValue((long) (p99s[k] * 1000));
        }
        assertThat(ChaosEngine.firstRun(windows, 100)).isEqualTo(3 * ChaosEngine.WINDOW_SECONDS);
        assertThat(ChaosEngine.firstRun(windows, 10)).isNaN();
        windows[4] = new Histogram(3_600_000_000L, 3);
        assertThat(ChaosEngine.firstRun(windows, 100)).as("a window without samples is not under target").isNaN();
    }

    @Test
    void optionsRefuseARateOverTheSendLimitOfOneUserInOneChannel() {
        ChaosOptions o = ChaosOptions.parse("--target", "http://localhost:19248", "--fleet-data", "data/chaos");
        assertThat(o.authUrl().toString()).isEqualTo("http://localhost:19249");
        assertThat(o.rate()).isEqualTo(50);
        assertThatThrownBy(() -> ChaosOptions.parse("--target", "http://localhost:8080", "--fleet-data", "d",
                "--servers", "2", "--users-per-server", "2", "--channels-per-server", "1"))
                .hasMessageContaining("send limit");
        assertThatThrownBy(() -> ChaosOptions.parse("--target", "http://localhost:8080"))
                .hasMessageContaining("--fleet-data");
    }
}
