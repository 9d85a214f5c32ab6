package dev.guildhall.gateway.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders.Decision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the script's answer; the script itself runs against real Redis in RateLimitTest. */
class RedisWindowsTest {

    private final List<RedisWindows.Window> windows = List.of(
            new RedisWindows.Window("global", new RateLimitProperties.Limit(50, Duration.ofSeconds(1)), "", true),
            new RedisWindows.Window("messages.create", new RateLimitProperties.Limit(5, Duration.ofSeconds(5)), ":c=1", false));

    @Test
    void allowedCountsInEveryWindow() {
        RedisWindows.Verdict verdict = RedisWindows.verdict(windows, List.of(0L, 3L, 800L, 2L, 4200L));

        assertThat(verdict.refused()).isNull();
        Decision route = verdict.decisions().get(1);
        assertThat(route.allowed()).isTrue();
        assertThat(route.remaining()).isEqualTo(3);
        assertThat(route.resetAfterNanos()).isEqualTo(Duration.ofMillis(4200).toNanos());
        assertThat(verdict.decisions().get(0).remaining()).isEqualTo(47);
    }

    @Test
    void refusedByTheFirstFullWindow() {
        RedisWindows.Verdict verdict = RedisWindows.verdict(windows, List.of(2L, 10L, 500L, 5L, 1500L));

        assertThat(verdict.refused()).isNotNull();
        assertThat(verdict.refused().bucket()).isEqualTo("messages.create");
        assertThat(verdict.refused().allowed()).isFalse();
        assertThat(verdict.refused().remaining()).isZero();
        assertThat(verdict.refused().global()).isFalse();
        assertThat(verdict.refused().resetAfterNanos()).isEqualTo(Duration.ofMillis(1500).toNanos());
    }
}
