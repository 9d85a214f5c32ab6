package dev.guildhall.support.redis;

import dev.guildhall.infra.EmbeddedRedis;
import dev.guildhall.infra.FreePorts;
import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared Redis access point against a real redis-server, and without one. */
class SharedRedisTest {

    private final int port = FreePorts.find();
    private EmbeddedRedis server;
    private SharedRedis redis;

    @AfterEach
    void stop() {
        if (redis != null) {
            redis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectsOnFirstUseAndRunsCommandsAndScripts() {
        server = EmbeddedRedis.start(null, port);
        redis = new SharedRedis(RedisProperties.of(server.url()));
        assertThat(redis.isConnected()).isFalse();

        redis.connection().sync().set("greeting", "hello");
        RedisScript script = redis.script("return redis.call('GET', KEYS[1])");

        assertThat(redis.isConnected()).isTrue();
        assertThat(script.<String>run(ScriptOutputType.VALUE, new String[] {"greeting"})).isEqualTo("hello");
        redis.connection().sync().scriptFlush(); // Redis forgot the script: it is sent again in full
        assertThat(script.<String>run(ScriptOutputType.VALUE, new String[] {"greeting"})).isEqualTo("hello");
    }

    @Test
    void nonBlockingCallersConnectInTheBackground() throws Exception {
        server = EmbeddedRedis.start(null, port);
        redis = new SharedRedis(RedisProperties.of(server.url()));

        assertThat(redis.ifConnected()).isEmpty();
        assertThat(redis.awaitConnected(Duration.ofSeconds(5))).isTrue();
        String value = redis.script("return ARGV[1]")
                .<String>runAsync(ScriptOutputType.VALUE, new String[0], "async").toCompletableFuture()
                .get(2, TimeUnit.SECONDS);
        assertThat(value).isEqualTo("async");
    }

    @Test
    void publishedMessagesReachSubscribers() throws Exception {
        server = EmbeddedRedis.start(null, port);
        redis = new SharedRedis(RedisProperties.of(server.url()));
        CompletableFuture<String> received = new CompletableFuture<>();

        redis.subscribe("news", (channel, message) -> received.complete(channel + ":" + message));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!received.isDone() && System.nanoTime() < deadline) {
            // subscribing connects in the background; until then a blocking caller is told to come back later
            redis.tryConnection().ifPresent(c -> c.sync().publish("news", "hi"));
            Thread.sleep(50);
        }

        assertThat(received.get(1, TimeUnit.SECONDS)).isEqualTo("news:hi");
    }

    @Test
    void withoutRedisEveryCallFailsFast() {
        redis = new SharedRedis(RedisProperties.of("redis://127.0.0.1:" + port));

        long start = System.nanoTime();
        assertThatThrownBy(redis::connection).isInstanceOf(RedisUnavailableException.class);
        assertThatThrownBy(redis::connection).isInstanceOf(RedisUnavailableException.class); // within the back-off
        assertThat(redis.ifConnected()).isEmpty();
        CompletableFuture<Object> async = redis.script("return 1")
                .runAsync(ScriptOutputType.INTEGER, new String[0]).toCompletableFuture();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(async).isCompletedExceptionally();
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void whenRedisGoesAwayCommandsFailWithinTheTimeoutAndRecoverWhenItIsBack() throws Exception {
        server = EmbeddedRedis.start(null, port);
        redis = new SharedRedis(RedisProperties.of(server.url()).withCommandTimeout(Duration.ofMillis(300)));
        redis.connection().sync().set("k", "v");

        server.close();
        server = null;
        long start = System.nanoTime();
        assertThatThrownBy(() -> redis.connection().sync().get("k")).isInstanceOf(io.lettuce.core.RedisException.class);
        CompletableFuture<Object> async = redis.script("return 1")
                .runAsync(ScriptOutputType.INTEGER, new String[0]).toCompletableFuture();
        assertThatThrownBy(() -> async.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        server = EmbeddedRedis.start(null, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!redis.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(redis.connection().sync().set("k", "again")).isEqualTo("OK");
    }
}
