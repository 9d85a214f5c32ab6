package dev.guildhall.websocket.config;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code ws:node:<instance-id>} in Redis while this node runs (refreshed every 2 s, expires 10 s
 * after the node stops refreshing it). A resuming node asks whether the session's previous owner
 * is still alive: a live owner journaled everything up to the takeover, a dead one did not.
 */
public class NodeLiveness {

    static final long TTL_MILLIS = 10_000;

    private final Redis redis;
    private final NodeIdentity identity;

    public NodeLiveness(Redis redis, NodeIdentity identity) {
        this.redis = redis;
        this.identity = identity;
    }

    static String key(String instanceId) {
        return "ws:node:" + instanceId;
    }

    @Scheduled(fixedDelay = 2000)
    public void beat() {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.set(key(identity.instanceId()), "1", SetArgs.Builder.px(TTL_MILLIS));
        }
    }

    /** Whether the node that made this owner token still runs. */
    public CompletionStage<Boolean> alive(String ownerToken) {
        int dot = ownerToken == null ? -1 : ownerToken.indexOf('.');
        if (dot <= 0) {
            return CompletableFuture.completedFuture(false);
        }
        String instanceId = ownerToken.substring(0, dot);
        if (instanceId.equals(identity.instanceId())) {
            return CompletableFuture.completedFuture(true);
        }
        RedisAsyncCommands<String, String> r = redis.async();
        if (r == null) {
            return CompletableFuture.completedFuture(false);
        }
        return r.exists(key(instanceId)).thenApply(n -> n != null && n > 0);
    }

    /** Gone for good (end of a graceful shutdown). */
    public void stop() {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.del(key(identity.instanceId()));
        }
    }
}
