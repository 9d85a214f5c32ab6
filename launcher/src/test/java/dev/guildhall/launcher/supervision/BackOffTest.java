package dev.guildhall.launcher.supervision;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackOffTest {

    @Test
    void doublesFromOneSecondUpToAMinuteAsKubernetesDoesForACrashingContainer() {
        BackOff b = BackOff.DEFAULT;
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(b.delay(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.delay(1000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.resetAfter()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aMaximumBelowTheFirstDelayIsRefused() {
        assertThatThrownBy(() -> new BackOff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exitsAreShownAsShellsAndKubernetesShowThem() {
        assertThat(new ExitStatus(137, java.time.Instant.EPOCH).describe()).isEqualTo("SIGKILL");
        assertThat(new ExitStatus(143, java.time.Instant.EPOCH).describe()).isEqualTo("SIGTERM");
        assertThat(new ExitStatus(1, java.time.Instant.EPOCH).describe()).isEqualTo("exit 1");
        assertThat(new ExitStatus(null, java.time.Instant.EPOCH).describe()).isEqualTo("exit ?");
    }
}
