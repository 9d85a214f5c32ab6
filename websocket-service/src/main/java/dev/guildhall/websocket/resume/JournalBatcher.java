package dev.guildhall.websocket.resume;

import dev.guildhall.websocket.config.Redis;
import dev.guildhall.websocket.session.GatewaySession;
import io.lettuce.core.ScriptOutputType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Journal appends, many sessions per Redis call. Fan-out of one event to 2,000 sessions is 2,000
 * appends; as one Lua call each they halved the node's dispatch throughput (measured, ADR 070).
 * Appends queue here in dispatch order and go out as one script per batch, with one batch in
 * flight at a time: while Redis runs a batch the next one fills, so batches grow with load and a
 * lone append still leaves at once. Order per session is kept (one queue, one writer, one
 * connection). A full queue (Redis gone for long) drops appends; the gap makes a later RESUME
 * of those sessions fail cleanly (op 9) instead of replaying a hole.
 */
final class JournalBatcher {

    /**
     * ARGV: cap, slack, ttl, now, then per append the session id, its owner token and the entry ("seq|millis|ref").
     * The keys are built here from the session id instead of being sent as KEYS: a fan-out to a thousand sessions
     * sent two long key strings and the seq apart for every append, and encoding them was most of the 24 % of a
     * node's samples under this call in a server of 1,000 members (ADR 285). A batch spans many sessions' hash
     * slots, so it needs one Redis, not a cluster, with or without KEYS.
     *
     * <p>Per append Redis runs three commands, not five (ADR 286): the session's TTL is refreshed by its heartbeats
     * (the ACK script), a claim and a disconnect, not by every dispatch; the buffer gets its TTL when a push creates
     * it; and a full buffer is cut back to {@code cap} once it is {@code slack} entries over, not by one LPOP per
     * append, so a session keeps between cap and cap + slack dispatches.
     */
    static final String APPEND_MANY = """
            local cap = tonumber(ARGV[1])
            local limit = cap + tonumber(ARGV[2])
            local results = {}
            for i = 1, (#ARGV - 4) / 3 do
              local sid = ARGV[3 * i + 2]
              local meta = 'ws:{' .. sid .. '}:meta'
              local buf = 'ws:{' .. sid .. '}:buf'
              local owner = redis.call('HGET', meta, 'owner')
              if not owner then
                results[i] = 0
              elseif owner ~= ARGV[3 * i + 3] then
                results[i] = -1
              else
                local entry = ARGV[3 * i + 4]
                local seq = string.match(entry, '^(%d+)')
                local n = redis.call('RPUSH', buf, entry)
                if n == 1 then
                  redis.call('PEXPIRE', buf, ARGV[3])
                end
                if n > limit then
                  local drop = n - cap
                  local last = redis.call('LINDEX', buf, drop - 1)
                  redis.call('LTRIM', buf, drop, -1)
                  redis.call('HSET', meta, 'seq', seq, 'last_at', ARGV[4], 'trimmed', string.match(last, '^(%d+)'))
                else
                  redis.call('HSET', meta, 'seq', seq, 'last_at', ARGV[4])
                end
                results[i] = 1
              end
            end
            return results
            """;

    private static final String[] NO_KEYS = new String[0];

    /** @param entry "seq|millis|ref", as the session's journal holds it */
    record Append(GatewaySession session, long seq, String entry) {
    }

    interface Outcome {
        void completed(Append append, Long result, Throwable error);
    }

    private final Redis.Script script;
    private final Executor executor;
    private final Outcome outcome;
    private final LongSupplier clock;
    private final int bufferMax;
    private final long ttlMillis;
    private final int maxBatch;
    private final int maxQueued;
    private final ConcurrentLinkedQueue<Append> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean inFlight = new AtomicBoolean();

    JournalBatcher(Redis redis, Executor executor, Outcome outcome, LongSupplier clock, int bufferMax, long ttlMillis,
                   int maxBatch, int maxQueued) {
        this.script = redis.script(APPEND_MANY);
        this.executor = executor;
        this.outcome = outcome;
        this.clock = clock;
        this.bufferMax = bufferMax;
        this.ttlMillis = ttlMillis;
        this.maxBatch = maxBatch;
        this.maxQueued = maxQueued;
    }

    /** @return false when the queue is full and the append was dropped */
    boolean add(Append append) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(append);
        trySend();
        return true;
    }

    private void trySend() {
        if (!queue.isEmpty() && inFlight.compareAndSet(false, true)) {
            executor.execute(this::send);
        }
    }

    private void send() {
        List<Append> batch = new ArrayList<>();
        Append next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
        queued.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            inFlight.set(false);
            trySend();
            return;
        }
        String[] args = new String[4 + batch.size() * 3];
        args[0] = Integer.toString(bufferMax);
        args[1] = Integer.toString(slack(bufferMax));
        args[2] = Long.toString(ttlMillis);
        args[3] = Long.toString(clock.getAsLong());
        for (int i = 0; i < batch.size(); i++) {
            Append a = batch.get(i);
            args[4 + 3 * i] = a.session().id();
            args[5 + 3 * i] = a.session().ownerToken();
            args[6 + 3 * i] = a.entry();
        }
        script.<List<Long>>run(ScriptOutputType.MULTI, NO_KEYS, args).whenComplete((results, error) -> {
            for (int i = 0; i < batch.size(); i++) {
                outcome.completed(batch.get(i), error == null ? results.get(i) : null, error);
            }
            inFlight.set(false);
            trySend();
        });
    }

    /** How far a session's buffer may grow past its cap before it is cut back: a twentieth of it, at least one. */
    static int slack(int bufferMax) {
        return Math.max(1, bufferMax / 20);
    }

    int queued() {
        return queued.get();
    }
}
