package dev.guildhall.support.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}); when Redis does not know it (restarted, flushed) it is sent
 * once in full ({@code EVAL}, which also caches it again). Made by {@link SharedRedis#script}.
 */
public final class RedisScript {

    private final SharedRedis redis;
    private final String lua;
    private final String sha;

    RedisScript(SharedRedis redis, String lua) {
        this.redis = redis;
        this.lua = lua;
        this.sha = sha1(lua);
    }

    /** Runs the script on the calling thread (blocking callers); fails fast when Redis is unavailable. */
    public <T> T run(ScriptOutputType type, String[] keys, String... args) {
        RedisCommands<String, String> commands = redis.connection().sync();
        try {
            return commands.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(lua, type, keys, args);
        }
    }

    /**
     * Runs the script without blocking (event loops): fails at once, without waiting for a connection, when
     * Redis is not connected.
     */
    public <T> CompletionStage<T> runAsync(ScriptOutputType type, String[] keys, String... args) {
        StatefulRedisConnection<String, String> connection = redis.ifConnected().orElse(null);
        if (connection == null) {
            return CompletableFuture.failedFuture(new RedisUnavailableException("Redis not connected"));
        }
        RedisAsyncCommands<String, String> commands = connection.async();
        CompletionStage<T> first = commands.evalsha(sha, type, keys, args);
        return first.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof RedisNoScriptException) {
                return commands.<T>eval(lua, type, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    public String sha() {
        return sha;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
