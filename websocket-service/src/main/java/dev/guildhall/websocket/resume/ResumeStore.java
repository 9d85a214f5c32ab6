package dev.guildhall.websocket.resume;

import dev.guildhall.websocket.config.Redis;
import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.session.GatewaySession;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Sessions in Redis, so any node can continue them (ADR 072).
 *
 * <pre>
 * ws:{sid}:meta  hash  user_id, owner, seq, trimmed, servers, status, intents, last_at, created_at
 * ws:{sid}:buf   list  "seq|millis|ref" per journaled dispatch, oldest first
 * ws:evt:{ref}   string  the dispatch's shared suffix ({@code ,"t":…,"d":…}}), once per event
 * </pre>
 *
 * Every write checks {@code owner}: only the session object that currently owns the id may
 * journal, so a RESUME elsewhere (which swaps the owner) silences the previous node at once.
 * The keys live {@code ttlMillis} past the session's last heartbeat, claim or disconnect; journal
 * appends do not extend them (ADR 286).
 */
public final class ResumeStore implements GatewaySession.Journal {

    private static final Logger log = LoggerFactory.getLogger(ResumeStore.class);

    /** Claims on this channel tell other nodes a session moved: "sid owner". */
    public static final String CLAIMS_CHANNEL = "ws:claims";

    /**
     * Drops the acknowledged entries older than the cutoff from the head of the journal with one LTRIM, reading the
     * head a hundred entries at a time: every entry is acknowledged once, so one LPOP (and LINDEX) per entry made the
     * trim as many commands as the appends (ADR 286).
     */
    private static final String ACK = """
            local owner = redis.call('HGET', KEYS[1], 'owner')
            if not owner then return 0 end
            if owner ~= ARGV[1] then return -1 end
            local ack = tonumber(ARGV[2])
            local cutoff = tonumber(ARGV[3])
            local drop = 0
            local trimmed = nil
            local more = true
            while more do
              local head = redis.call('LRANGE', KEYS[2], drop, drop + 99)
              more = #head == 100
              for _, e in ipairs(head) do
                local s, t = string.match(e, '^(%d+)|(%d+)|')
                if tonumber(s) <= ack and tonumber(t) < cutoff then
                  drop = drop + 1
                  trimmed = s
                else
                  more = false
                  break
                end
              end
            end
            if trimmed then
              redis.call('LTRIM', KEYS[2], drop, -1)
              redis.call('HSET', KEYS[1], 'trimmed', trimmed)
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return 1
            """;

    private static final String CLAIM = """
            local m = redis.call('HMGET', KEYS[1], 'user_id', 'owner', 'seq', 'trimmed', 'servers', 'status', 'intents', 'last_at', 'created_at')
            if not m[1] then return {'missing'} end
            if m[1] ~= ARGV[1] then return {'user'} end
            redis.call('HSET', KEYS[1], 'owner', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            local entries = redis.call('LRANGE', KEYS[2], 0, -1)
            return {'ok', m[2] or '', m[3] or '0', m[4] or '0', m[5] or '', m[6] or '', m[7] or '', m[8] or '0', entries, m[9] or '0'}
            """;

    private static final String DELETE = """
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
              redis.call('DEL', KEYS[1], KEYS[2])
              return 1
            end
            return 0
            """;

    /** What became of a session's journal write. */
    public interface Listener {
        /** Another session object (on this or another node) owns the id now. */
        void moved(GatewaySession session);
    }

    private final Redis redis;
    private final WebsocketMetrics metrics;
    private final LongSupplier clock;
    private final long ttlMillis;
    private final long payloadTtlMillis;
    private final long keepMillis;
    private final int bufferMax;
    private final JournalBatcher appends;
    private final Redis.Script ack;
    private final Redis.Script claim;
    private final Redis.Script delete;
    private volatile Listener listener = s -> { };

    /**
     * @param ttlMillis  how long a session's keys outlive its last write (resume window + heartbeat timeout)
     * @param keepMillis journal entries younger than this survive acknowledgement (they let a
     *                   resuming node tell events already delivered from ones it must still send)
     */
    public ResumeStore(Redis redis, WebsocketMetrics metrics, LongSupplier clock, long ttlMillis, long keepMillis,
                       int bufferMax) {
        this.redis = redis;
        this.metrics = metrics;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.keepMillis = keepMillis;
        this.payloadTtlMillis = ttlMillis + keepMillis;
        this.bufferMax = bufferMax;
        this.appends = new JournalBatcher(redis, Runnable::run,
                (a, result, error) -> afterWrite(a.session(), a.seq(), result, error), clock, bufferMax, ttlMillis,
                1000, 1_000_000);
        this.ack = redis.script(ACK);
        this.claim = redis.script(CLAIM);
        this.delete = redis.script(DELETE);
    }

    /** Journal appends waiting for Redis. */
    public int journalBacklog() {
        return appends.queued();
    }

    public void listener(Listener listener) {
        this.listener = listener;
    }

    // JournalBatcher.APPEND_MANY builds the same two names from the session id in Lua
    static String meta(String sessionId) {
        return "ws:{" + sessionId + "}:meta";
    }

    static String buffer(String sessionId) {
        return "ws:{" + sessionId + "}:buf";
    }

    static String payload(String ref) {
        return "ws:evt:" + ref;
    }

    /** Writes a new session (READY was s = 1 and is not journaled). */
    public void create(GatewaySession session, long createdSeq) {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r == null) {
            metrics.journalError();
            return;
        }
        String meta = meta(session.id());
        r.del(buffer(session.id()));
        r.hset(meta, fields(session, createdSeq));
        r.pexpire(meta, ttlMillis);
    }

    private Map<String, String> fields(GatewaySession session, long seq) {
        Map<String, String> fields = new HashMap<>();
        fields.put("user_id", Long.toString(session.userId()));
        fields.put("owner", session.ownerToken());
        fields.put("seq", Long.toString(seq));
        fields.put("trimmed", Long.toString(seq));
        fields.put("servers", joinServers(session));
        fields.put("status", session.status());
        fields.put("intents", Long.toString(session.intents().encode()));
        fields.put("last_at", Long.toString(clock.getAsLong()));
        fields.put("created_at", Long.toString(clock.getAsLong()));
        return fields;
    }

    @Override
    public void append(GatewaySession session, long seq, DispatchFrame frame) {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r == null) {
            metrics.journalError();
            return;
        }
        if (frame.claimStore()) {
            r.set(payload(frame.ref()), frame.suffixText(), SetArgs.Builder.px(payloadTtlMillis));
        }
        if (!appends.add(new JournalBatcher.Append(session, seq, seq + "|" + clock.getAsLong() + "|" + frame.ref()))) {
            metrics.journalError();
        }
    }

    /** Refreshes the session's TTL and drops journal entries the client acknowledged. */
    public void heartbeat(GatewaySession session, long ackedSeq) {
        long cutoff = clock.getAsLong() - keepMillis;
        ack.<Long>run(ScriptOutputType.INTEGER, keys(session.id()), session.ownerToken(), Long.toString(ackedSeq),
                        Long.toString(cutoff), Long.toString(ttlMillis))
                .whenComplete((result, error) -> afterWrite(session, session.seq(), result, error));
    }

    /**
     * Restarts the TTL of the session's keys without acknowledging anything. Journal appends do not refresh it (ADR
     * 286); heartbeats do, and so does this when the socket drops, so the keys outlive the whole resume window.
     */
    public void touch(GatewaySession session) {
        heartbeat(session, -1);
    }

    private void afterWrite(GatewaySession session, long seq, Long result, Throwable error) {
        if (error != null) {
            metrics.journalError();
            log.debug("journal write for {} failed: {}", session, error.toString());
        } else if (result != null && result == -1L) {
            listener.moved(session);
        } else if (result != null && result == 0L && !session.ended()) {
            // the keys vanished (Redis restarted or evicted them): start over from here, so
            // at least what follows can be resumed; anything earlier is gone
            log.info("journal of {} was lost; recreating it at seq {}", session, seq);
            create(session, session.seq());
        }
    }

    public void saveServers(GatewaySession session) {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.hset(meta(session.id()), "servers", joinServers(session));
        }
    }

    public void saveStatus(GatewaySession session) {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.hset(meta(session.id()), "status", session.status());
        }
    }

    /** Reads what a RESUME needs before claiming (which servers to load); empty if unknown. */
    public CompletionStage<Map<String, String>> read(String sessionId) {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis not connected"));
        }
        return r.hgetall(meta(sessionId));
    }

    /** Makes {@code newOwner} the session's owner and returns its journal. */
    public CompletionStage<Claim> claim(String sessionId, long userId, String newOwner) {
        return claim.<List<Object>>run(ScriptOutputType.MULTI, keys(sessionId), Long.toString(userId), newOwner,
                Long.toString(ttlMillis)).thenApply(Claim::parse);
    }

    /** The stored payload suffixes by ref; missing ones are absent from the map. */
    public CompletionStage<Map<String, String>> payloads(Collection<String> refs) {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis not connected"));
        }
        if (refs.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<CompletableFuture<KeyValue<String, String>>> gets = new ArrayList<>();
        for (String ref : refs) {
            gets.add(r.get(payload(ref)).thenApply(v -> KeyValue.fromNullable(ref, v)).toCompletableFuture());
        }
        return CompletableFuture.allOf(gets.toArray(CompletableFuture[]::new)).thenApply(ignored -> gets.stream()
                .map(CompletableFuture::join).filter(KeyValue::hasValue)
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue, (a, b) -> a)));
    }

    /** Forgets a session for good (closed with 1000/1001, or its resume window passed). */
    public void delete(GatewaySession session) {
        delete.run(ScriptOutputType.INTEGER, keys(session.id()), session.ownerToken())
                .exceptionally(e -> null);
    }

    /** Tells every node that this session object owns the id now. */
    public void publishClaim(GatewaySession session) {
        redis.publish(CLAIMS_CHANNEL, session.id() + " " + session.ownerToken());
    }

    /** Calls {@code handler(sessionId, ownerToken)} for every claim, this node's included. */
    public void onClaims(java.util.function.BiConsumer<String, String> handler) {
        redis.subscribe(CLAIMS_CHANNEL, (channel, message) -> {
            int space = message.indexOf(' ');
            if (space > 0) {
                handler.accept(message.substring(0, space), message.substring(space + 1));
            }
        });
    }

    private static String[] keys(String sessionId) {
        return new String[] {meta(sessionId), buffer(sessionId)};
    }

    private static String joinServers(GatewaySession session) {
        return session.servers().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
