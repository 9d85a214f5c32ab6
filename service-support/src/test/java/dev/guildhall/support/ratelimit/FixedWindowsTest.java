package dev.guildhall.support.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.common.ratelimit.RateLimitHeaders.Decision;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.support.redis.RedisProperties;
import dev.guildhall.support.redis.RedisUnavailableException;
import dev.guildhall.support.redis.SharedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared limiter against a real Redis: limits, headers, reset, and atomicity under a burst. */
class FixedWindowsTest {

    private static SharedRedis redis;
    private static FixedWindows limiter;

    @BeforeAll
    static void start() {
        // generous timeouts: the limiter's arithmetic is under test here, not a loaded machine's latency
        // (SharedRedisTest covers the timeouts)
        redis = new SharedRedis(new RedisProperties(TestInfrastructure.get().redisUrl(), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMillis(200), Integer.MAX_VALUE));
        limiter = new FixedWindows(redis);
        connectedWithin(Duration.ofSeconds(20));
    }

    /**
     * The limiter's behaviour is under test, not how fast a loaded machine makes the first connection
     * (bounded by the 1 s connect timeout): wait until the shared connection is up.
     */
    private static void connectedWithin(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                redis.connection();
                return;
            } catch (RedisUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static String key() {
        return "test:{" + UUID.randomUUID() + "}:w";
    }

    @Test
    void allowsCapacityPerWindowThenRefusesWithTheTimeUntilItResets() throws Exception {
        FixedWindows.Window window = new FixedWindows.Window(key(), "messages:1", new Limit(5, Duration.ofMillis(800)), false);
        List<FixedWindows.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            verdicts.add(limiter.take(List.of(window)));
        }

        for (int i = 0; i < 5; i++) {
            Decision decision = verdicts.get(i).decisions().get(0);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(4 - i);
            assertThat(decision.resetAfterNanos()).isBetween(1L, Duration.ofMillis(800).toNanos());
        }
        FixedWindows.Verdict sixth = verdicts.get(5);
        assertThat(sixth.allowed()).isFalse();
        Map<String, String> headers = RateLimitHeaders.headers(sixth.refused());
        assertThat(headers).containsEntry("X-RateLimit-Limit", "5").containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Bucket", "messages:1").containsEntry("Retry-After", "1")
                .containsKeys("X-RateLimit-Reset", "X-RateLimit-Reset-After");
        assertThat(RateLimitHeaders.body(sixth.refused())).containsEntry("global", false);

        Thread.sleep(sixth.refused().resetAfterNanos() / 1_000_000 + 50);
        Decision afterReset = limiter.take(List.of(window)).decisions().get(0);
        assertThat(afterReset.allowed()).isTrue();
        assertThat(afterReset.remaining()).isEqualTo(4);
    }

    @Test
    void aFullWindowRefusesWithoutCountingInTheOthers() {
        String caller = "{" + UUID.randomUUID() + "}";
        FixedWindows.Window global = new FixedWindows.Window("test:" + caller + ":global", "global",
                new Limit(10, Duration.ofMinutes(1)), true);
        FixedWindows.Window route = new FixedWindows.Window("test:" + caller + ":route", "route",
                new Limit(2, Duration.ofMinutes(1)), false);
        limiter.take(List.of(global, route));
        limiter.take(List.of(global, route));

        FixedWindows.Verdict third = limiter.take(List.of(global, route));

        assertThat(third.refused().bucket()).isEqualTo("route");
        assertThat(third.refused().global()).isFalse();
        assertThat(third.decisions().get(0).remaining()).isEqualTo(8); // the refused request was not counted
    }

    @Test
    void aBurstIsCountedExactly() {
        FixedWindows.Window window = new FixedWindows.Window(key(), "burst", new Limit(30, Duration.ofMinutes(1)), true);
        List<CompletableFuture<FixedWindows.Verdict>> burst = new ArrayList<>();
        redis.awaitConnected(Duration.ofSeconds(5));
        for (int i = 0; i < 80; i++) {
            burst.add(limiter.takeAsync(List.of(window)).toCompletableFuture());
        }

        long allowed = burst.stream().map(f -> f.orTimeout(5, TimeUnit.SECONDS).join())
                .filter(FixedWindows.Verdict::allowed).count();

        assertThat(allowed).isEqualTo(30);
    }

    @Test
    void aRefundGivesOneRequestBackButNeverGoesBelowZero() {
        FixedWindows.Window window = new FixedWindows.Window(key(), "login", new Limit(2, Duration.ofMinutes(1)), false);
        limiter.take(List.of(window));
        limiter.take(List.of(window));
        limiter.refund(window.key());

        assertThat(limiter.take(List.of(window)).allowed()).isTrue();
        assertThat(limiter.take(List.of(window)).allowed()).isFalse();

        String fresh = key();
        limiter.refund(fresh);
        limiter.refund(fresh);
        FixedWindows.Window other = new FixedWindows.Window(fresh, "login", new Limit(2, Duration.ofMinutes(1)), false);
        assertThat(limiter.take(List.of(other)).decisions().get(0).remaining()).isEqualTo(1);
    }

    // reading the script's answer (moved from gateway-service's RedisWindowsTest)

    private final List<FixedWindows.Window> windows = List.of(
            new FixedWindows.Window("k1", "global", new Limit(50, Duration.ofSeconds(1)), true),
            new FixedWindows.Window("k2", "messages.create", new Limit(5, Duration.ofSeconds(5)), false));

    @Test
    void allowedCountsInEveryWindow() {
        FixedWindows.Verdict verdict = FixedWindows.verdict(windows, List.of(0L, 3L, 800L, 2L, 4200L));

        assertThat(verdict.refused()).isNull();
        Decision route = verdict.decisions().get(1);
        assertThat(route.allowed()).isTrue();
        assertThat(route.remaining()).isEqualTo(3);
        assertThat(route.resetAfterNanos()).isEqualTo(Duration.ofMillis(4200).toNanos());
        assertThat(verdict.decisions().get(0).remaining()).isEqualTo(47);
    }

    @Test
    void refusedByTheFirstFullWindow() {
        FixedWindows.Verdict verdict = FixedWindows.verdict(windows, List.of(2L, 10L, 500L, 5L, 1500L));

        assertThat(verdict.refused()).isNotNull();
        assertThat(verdict.refused().bucket()).isEqualTo("messages.create");
        assertThat(verdict.refused().allowed()).isFalse();
        assertThat(verdict.refused().remaining()).isZero();
        assertThat(verdict.refused().global()).isFalse();
        assertThat(verdict.refused().resetAfterNanos()).isEqualTo(Duration.ofMillis(1500).toNanos());
    }

    @Test
    void readsExtraKeysInTheSameCallAndStillCountsTheWindows() throws Exception {
        FixedWindows.Window window = new FixedWindows.Window(key(), "route.users", new Limit(2, Duration.ofSeconds(30)), false);
        String present = "test:read:" + UUID.randomUUID();
        String absent = "test:read:" + UUID.randomUUID();
        redis.connection().sync().set(present, "1712345678");

        FixedWindows.Reading first = limiter.takeAsyncReading(List.of(window), List.of(present, absent))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        FixedWindows.Reading second = limiter.takeAsyncReading(List.of(window), List.of(absent, present))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        FixedWindows.Reading third = limiter.takeAsyncReading(List.of(window), List.of())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(first.values()).containsExactly("1712345678", null);
        assertThat(second.values()).containsExactly(null, "1712345678");
        assertThat(third.values()).isEmpty();
        assertThat(first.verdict().allowed()).isTrue();
        assertThat(second.verdict().decisions().get(0).remaining()).isZero();
        assertThat(third.verdict().allowed()).as("the reads did not change the window's arithmetic").isFalse();
    }
}
