package dev.guildhall.websocket.presence;

import dev.guildhall.websocket.config.Redis;
import dev.guildhall.websocket.session.GatewaySession;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
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

/**
 * Presence across nodes (ADR 073). Per user, in Redis:
 * <pre>
 * ws:p:{uid}:sessions  zset  session owner token → expiry millis (refreshed by heartbeats)
 * ws:p:{uid}:status    string  online | idle | dnd | invisible (the last one set)
 * ws:p:online          zset  uid → expiry millis, for the sweeper that notices dead nodes
 * </pre>
 * A change of the <em>visible</em> status (invisible shows as offline) is published once, by the
 * node that caused it; the last session closing or expiring makes the user offline.
 */
public final class PresenceService {

    private static final Logger log = LoggerFactory.getLogger(PresenceService.class);
    static final String ONLINE = "ws:p:online";

    private static final String CONNECT = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            local prev = 'offline'
            if redis.call('ZCARD', KEYS[1]) > 0 then prev = redis.call('GET', KEYS[2]) or 'online' end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
            return prev
            """;

    /**
     * A heartbeat. A session Redis knows (and whose status key is there) is only extended: 'same'. One it does
     * not know — its connect never reached Redis (down or reconnecting then), or it expired during an outage —
     * is registered as {@link #CONNECT} would, and the previous visible status is returned to be announced.
     */
    private static final String REFRESH = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            local known = redis.call('ZSCORE', KEYS[1], ARGV[1])
            local prev = 'offline'
            if redis.call('ZCARD', KEYS[1]) > 0 then prev = redis.call('GET', KEYS[2]) or 'online' end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            if known and redis.call('PEXPIRE', KEYS[2], ARGV[5]) == 1 then return 'same' end
            redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
            return prev
            """;

    private static final String SET_STATUS = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            if redis.call('ZCARD', KEYS[1]) == 0 then return 'none' end
            local prev = redis.call('GET', KEYS[2]) or 'online'
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
            return prev
            """;

    /**
     * Removes a session (ARGV[1] may be '' to only drop expired ones). Returns 'still' while the
     * user has sessions, 'gone' when someone already took them offline, else their last status.
     */
    private static final String LEAVE = """
            if ARGV[1] ~= '' then redis.call('ZREM', KEYS[1], ARGV[1]) end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            if redis.call('ZCARD', KEYS[1]) > 0 then return 'still' end
            local prev = redis.call('GET', KEYS[2])
            redis.call('DEL', KEYS[1], KEYS[2])
            if not prev then return 'gone' end
            return prev
            """;

    private final Redis redis;
    private final PresencePublisher publisher;
    private final LongSupplier clock;
    private final long ttlMillis;
    private final Redis.Script connect;
    private final Redis.Script refresh;
    private final Redis.Script setStatus;
    private final Redis.Script leave;

    /** @param ttlMillis how long a session counts as present after its last heartbeat */
    public PresenceService(Redis redis, PresencePublisher publisher, LongSupplier clock, long ttlMillis) {
        this.redis = redis;
        this.publisher = publisher;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.connect = redis.script(CONNECT);
        this.refresh = redis.script(REFRESH);
        this.setStatus = redis.script(SET_STATUS);
        this.leave = redis.script(LEAVE);
    }

    public static String visible(String status) {
        return status == null || "invisible".equals(status) ? "offline" : status;
    }

    private static String[] keys(long userId) {
        return new String[] {"ws:p:{" + userId + "}:sessions", "ws:p:{" + userId + "}:status"};
    }

    public void connect(GatewaySession session) {
        long now = clock.getAsLong();
        String status = session.status();
        connect.<String>run(ScriptOutputType.VALUE, keys(session.userId()), session.ownerToken(),
                        Long.toString(now + ttlMillis), Long.toString(now), status, Long.toString(keyTtl()))
                .whenComplete((previous, error) -> {
                    if (error != null) {
                        log.debug("presence connect failed: {}", error.toString());
                        return;
                    }
                    markOnline(session.userId(), now);
                    changed(session.userId(), visible(previous), visible(status));
                });
    }

    /**
     * A heartbeat: the session (and so the user) is still here. It also repairs what an unreachable Redis lost:
     * a session whose {@link #connect} failed (Redis down, or its connection still being re-established) or
     * that expired during an outage is registered now, and the user announced online again.
     */
    public void refresh(GatewaySession session) {
        long now = clock.getAsLong();
        String status = session.status();
        refresh.<String>run(ScriptOutputType.VALUE, keys(session.userId()), session.ownerToken(),
                        Long.toString(now + ttlMillis), Long.toString(now), status, Long.toString(keyTtl()))
                .whenComplete((previous, error) -> {
                    if (error != null) {
                        log.debug("presence refresh failed: {}", error.toString());
                        return;
                    }
                    markOnline(session.userId(), now);
                    if (!"same".equals(previous)) {
                        changed(session.userId(), visible(previous), visible(status));
                    }
                });
    }

    public void update(GatewaySession session) {
        long now = clock.getAsLong();
        String status = session.status();
        setStatus.<String>run(ScriptOutputType.VALUE, keys(session.userId()), status, Long.toString(now),
                        Long.toString(keyTtl()))
                .whenComplete((previous, error) -> {
                    if (error == null && !"none".equals(previous)) {
                        changed(session.userId(), visible(previous), visible(status));
                    }
                });
    }

    public void disconnect(GatewaySession session) {
        leave(session.userId(), session.ownerToken()).whenComplete((previous, error) -> {
            if (error == null) {
                wentOffline(session.userId(), previous);
            }
        });
    }

    /** Whoever removes the user from the online set announces them offline: exactly one node. */
    private void wentOffline(long userId, String previous) {
        if ("still".equals(previous) || "gone".equals(previous)) {
            return;
        }
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.zrem(ONLINE, Long.toString(userId)).thenAccept(removed -> {
                if (removed != null && removed == 1L) {
                    changed(userId, visible(previous), "offline");
                }
            });
        }
    }

    /** Keys outlive a session's expiry so the sweeper can still read the status a dead node left. */
    private long keyTtl() {
        return ttlMillis * 2;
    }

    private CompletionStage<String> leave(long userId, String token) {
        return leave.run(ScriptOutputType.VALUE, keys(userId), token, Long.toString(clock.getAsLong()));
    }

    /**
     * Users whose every session expired without a close (their node died): exactly one node
     * wins the removal from the online set and publishes them offline.
     */
    public void sweep() {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r == null) {
            return;
        }
        long now = clock.getAsLong();
        r.zrangebyscore(ONLINE, Range.create(0d, (double) now)).thenAccept(users -> {
            for (String user : users) {
                long userId = Long.parseLong(user);
                leave(userId, "").thenAccept(previous -> {
                    RedisAsyncCommands<String, String> again = redis.async();
                    if ("gone".equals(previous) && again != null) {
                        again.zrem(ONLINE, user);
                    } else {
                        wentOffline(userId, previous);
                    }
                });
            }
        });
    }

    /** Visible statuses of some users (offline when unknown). */
    public CompletionStage<Map<Long, String>> statuses(Collection<Long> userIds) {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r == null || userIds.isEmpty()) {
            Map<Long, String> all = new HashMap<>();
            userIds.forEach(id -> all.put(id, "offline"));
            return CompletableFuture.completedFuture(all);
        }
        List<Long> ids = new ArrayList<>(userIds);
        List<CompletableFuture<String>> gets = new ArrayList<>();
        for (Long id : ids) {
            gets.add(r.get(keys(id)[1]).toCompletableFuture());
        }
        return CompletableFuture.allOf(gets.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<Long, String> out = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                out.put(ids.get(i), visible(gets.get(i).join()));
            }
            return out;
        });
    }

    private void markOnline(long userId, long now) {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.zadd(ONLINE, io.lettuce.core.ZAddArgs.Builder.gt(), (double) (now + ttlMillis), Long.toString(userId));
        }
    }

    private void changed(long userId, String before, String after) {
        if (!before.equals(after)) {
            publisher.publish(userId, after);
        }
    }
}
