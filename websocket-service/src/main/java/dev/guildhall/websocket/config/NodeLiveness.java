package dev.guildhall.websocket.config;

import io.lettuce.core.ClientListArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code ws:node:<incarnation>} in Redis while this node's process runs (refreshed every 2 s, expires 10 s
 * after the process stops refreshing it), holding the Redis client id of the node's command connection. A resuming
 * node asks whether the session's previous owner is still alive: a live owner journaled everything up to the
 * takeover, a dead one did not.
 *
 * <p>Alive means the key exists <em>and</em> its connection is still open ({@code CLIENT LIST ID}): a process killed
 * outright loses its connection at once, while its key would count it alive for up to 10 s more — long enough for
 * its clients to reconnect elsewhere and be resumed as if nothing had been missed (ADR 270). An owner token of an
 * earlier process of this very node is dead whatever Redis says: the node was restarted. Where the connection cannot
 * be asked about (an older node's value, {@code CLIENT} refused by a managed Redis), the key alone answers.
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
            // the id of the connection these commands travel on: a reconnect gives a new one, written at the next beat
            r.clientId().thenCompose(id -> r.set(key(identity.incarnation()), Long.toString(id),
                    SetArgs.Builder.px(TTL_MILLIS)));
        }
    }

    /** Whether the node process that made this owner token still runs. */
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
        return r.get(key(incarnation)).thenCompose(value -> {
            if (value == null) {
                return CompletableFuture.completedFuture(false);
            }
            long clientId;
            try {
                clientId = Long.parseLong(value);
            } catch (NumberFormatException olderNode) {
                return CompletableFuture.completedFuture(true);
            }
            return r.clientList(ClientListArgs.Builder.ids(clientId))
                    .thenApply(clients -> clients != null && !clients.isBlank())
                    .exceptionally(cannotAsk -> true);
        });
    }

    /** Gone for good (end of a graceful shutdown). */
    public void stop() {
        RedisAsyncCommands<String, String> r = redis.async();
        if (r != null) {
            r.del(key(identity.incarnation()));
        }
    }
}
