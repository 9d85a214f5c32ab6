package dev.guildhall.websocket.config;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code ws:node:<incarnation>} in Redis while this node's process runs (refreshed every 2 s, expires 10 s
 * after the process stops refreshing it). A resuming node asks whether the session's previous owner
 * is still alive: a live owner journaled everything up to the takeover, a dead one did not. An owner token of an
 * earlier process of this very node is dead whatever Redis says: the node was restarted (ADR 270).
 */
public class NodeLiveness {

    static final long TTL_MILLIS = 10_000;

    private final Redis redis;
    private final NodeIdentity identity;

    public NodeLiveness(Redis redis, NodeIdentity identity) {
        this.redis = redis;
        this.identity = identity;
    }

    static String key(String incarnation) {
        return "ws:node:" + incarnation;
    }

    @Scheduled(fixedDelay = 2000)
    public void beat() {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.set(key(identity.incarnation()), "1", SetArgs.Builder.px(TTL_MILLIS));
        }
    }

    /** Whether the node that made this owner token still runs. */
    public CompletionStage<Boolean> alive(String ownerToken) {
        int dot = ownerToken == null ? -1 : ownerToken.indexOf('.');
        if (dot <= 0) {
            return CompletableFuture.completedFuture(false);
        }
        String incarnation = ownerToken.substring(0, dot);
        if (incarnation.equals(identity.incarnation())) {
            return CompletableFuture.completedFuture(true);
        }
        if (NodeIdentity.instanceOf(incarnation).equals(identity.instanceId())) {
            return CompletableFuture.completedFuture(false); // this node's previous process
        }
        RedisAsyncCommands<String, String> r = redis.async();
        if (r == null) {
            return CompletableFuture.completedFuture(false);
        }
        return r.exists(key(incarnation)).thenApply(n -> n != null && n > 0);
    }

    /** Gone for good (end of a graceful shutdown). */
    public void stop() {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.del(key(identity.incarnation()));
        }
    }
}
