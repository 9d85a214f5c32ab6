package dev.guildhall.support.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders.Decision;
import dev.guildhall.support.redis.RedisScript;
import dev.guildhall.support.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The fleet's one rate limiter (ADR 126): fixed windows counted in Redis by one Lua script
 * ({@code guildhall/ratelimit/fixed-windows.lua}) that checks all of a request's windows and, unless one is
 * full, counts the request in all of them, atomically and in one round trip, however many requests race.
 * A window starts with its first request and holds {@code capacity} requests until it expires, which is
 * exactly what {@code X-RateLimit-Reset} then says. Keys of one call must share a Redis Cluster slot (a
 * hash tag). Errors (Redis down or slow) reach the caller, whose policy decides: the gateway and
 * message-service let the request through, auth-service decides per instance.
 */
public class FixedWindows {

    private final RedisScript take;
    private final RedisScript refund;

    public FixedWindows(SharedRedis redis) {
        this.take = redis.script(load());
        this.refund = redis.script("local c = tonumber(redis.call('GET', KEYS[1]) or '0') "
                + "if c > 0 then redis.call('DECR', KEYS[1]) end return 0");
    }

    /**
     * One window of one caller.
     *
     * @param key    the Redis key (the caller and whatever else makes the window distinct)
     * @param bucket the name clients see in {@code X-RateLimit-Bucket}
     * @param global whether a refusal by this window is DESIGN's {@code global: true}
     */
    public record Window(String key, String bucket, Limit limit, boolean global) {
    }

    /**
     * @param decisions one per window, in order
     * @param refused   the first full window's decision, {@code null} when the request was allowed
     */
    public record Verdict(List<Decision> decisions, Decision refused) {

        public boolean allowed() {
            return refused == null;
        }
    }

    /** Takes one request from every window, or from none when one is full; blocks up to the command timeout. */
    public Verdict take(List<Window> windows) {
        List<Object> result = take.run(ScriptOutputType.MULTI, keys(windows), args(windows));
        return verdict(windows, result);
    }

    /** {@link #take} without blocking (event loops); fails at once when Redis is not connected. */
    public CompletionStage<Verdict> takeAsync(List<Window> windows) {
        return take.<List<Object>>runAsync(ScriptOutputType.MULTI, keys(windows), args(windows))
                .thenApply(result -> verdict(windows, result));
    }

    /**
     * {@link #takeAsync} that also reads {@code readKeys} (plain string values) in the same script, so that a caller
     * needing both pays one round trip (the gateway's revocation check, ADR 268). Read keys need not share the
     * windows' hash tag: on a Redis Cluster they would (today's deployments run one Redis, DESIGN).
     */
    public CompletionStage<Reading> takeAsyncReading(List<Window> windows, List<String> readKeys) {
        String[] keys = new String[windows.size() + readKeys.size()];
        for (int i = 0; i < windows.size(); i++) {
            keys[i] = windows.get(i).key();
        }
        for (int j = 0; j < readKeys.size(); j++) {
            keys[windows.size() + j] = readKeys.get(j);
        }
        return take.<List<Object>>runAsync(ScriptOutputType.MULTI, keys, args(windows))
                .thenApply(result -> reading(windows, result));
    }

    /**
     * @param verdict the windows' verdict, as {@link #takeAsync}'s
     * @param values  the read keys' values in order, {@code null} for a missing key
     */
    public record Reading(Verdict verdict, List<String> values) {
    }

    static Reading reading(List<Window> windows, List<Object> result) {
        List<String> values = new ArrayList<>(result.size() - 1 - 2 * windows.size());
        for (int i = 1 + 2 * windows.size(); i < result.size(); i++) {
            Object value = result.get(i);
            values.add(value == null ? null : value.toString());
        }
        return new Reading(verdict(windows, result), values);
    }

    /** Gives one request back to a window, never below zero and never touching its expiry. */
    public void refund(String key) {
        refund.run(ScriptOutputType.INTEGER, new String[] {key});
    }

    static Verdict verdict(List<Window> windows, List<Object> result) {
        int refused = ((Number) result.get(0)).intValue();
        boolean allowed = refused == 0;
        List<Decision> decisions = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            long used = ((Number) result.get(1 + 2 * i)).longValue();
            long ttlMillis = ((Number) result.get(2 + 2 * i)).longValue();
            long capacity = window.limit().capacity();
            decisions.add(new Decision(allowed, capacity, Math.max(0, capacity - used), ttlMillis * 1_000_000L,
                    window.bucket(), window.global()));
        }
        return new Verdict(decisions, allowed ? null : decisions.get(refused - 1));
    }

    private static String[] keys(List<Window> windows) {
        return windows.stream().map(Window::key).toArray(String[]::new);
    }

    private static String[] args(List<Window> windows) {
        String[] args = new String[windows.size() * 2];
        for (int i = 0; i < windows.size(); i++) {
            args[2 * i] = Long.toString(windows.get(i).limit().capacity());
            args[2 * i + 1] = Long.toString(windows.get(i).limit().period().toMillis());
        }
        return args;
    }

    private static String load() {
        try {
            return new ClassPathResource("guildhall/ratelimit/fixed-windows.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
