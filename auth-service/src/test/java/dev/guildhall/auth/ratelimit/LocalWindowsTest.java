package dev.guildhall.auth.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LocalWindowsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LocalWindows windows = new LocalWindows(5, Duration.ofMinutes(1), 100, now::get);

    @Test
    void fiveAttemptsPerWindowThenRefusedUntilItEnds() {
        for (int i = 1; i <= 5; i++) {
            Window w = windows.attempt("k");
            assertThat(w.allowed()).isTrue();
            assertThat(w.count()).isEqualTo(i);
        }
        now.addAndGet(Duration.ofSeconds(20).toNanos());
        Window sixth = windows.attempt("k");
        assertThat(sixth.allowed()).isFalse();
        assertThat(sixth.resetAfterMillis()).isEqualTo(40_000);
        // refused attempts do not extend the window
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        assertThat(windows.attempt("k").allowed()).isTrue();
    }

    @Test
    void keysAreIndependentAndBounded() {
        for (int i = 0; i < 5; i++) {
            windows.attempt("a");
        }
        assertThat(windows.attempt("a").allowed()).isFalse();
        assertThat(windows.attempt("b").allowed()).isTrue();
        for (int i = 0; i < 200; i++) {
            windows.attempt("other" + i);
        }
        // "a" was evicted as least recently used: forgotten, not wrongly blocked forever
        assertThat(windows.attempt("a").allowed()).isTrue();
    }
}
