package dev.guildhall.message.resilience;

import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.infra.ShardHostProxy;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One shard's database dies for 30 s (issue 13; ADR 247) while the other stays: sends to servers on the living
 * shard keep answering fast, sends to the dead shard's servers are refused fast (503 {@code DATABASE_UNAVAILABLE}
 * with {@code Retry-After}, never a wait past 2 s), and once it is back its servers send again and their history
 * holds exactly the acknowledged messages. Real MariaDB; shard 1 is reached through a {@link ShardHostProxy}.
 */
class ShardOutageTest {

    static final StubServices stub = StubServices.get();
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(2);
    /** A healthy send on a busy shared test machine; production's target is 100 ms at p99. */
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(2);
    private static final Pattern PORT = Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/");

    @Test
    void oneShardDownLeavesTheOthersSendingAndIsRefusedFast() throws Exception {
        Map<String, String> properties = new HashMap<>(
                IntegrationTest.properties("msg_shard_outage", TestInfrastructure.get().kafkaBootstrap()));
        String[] urls = properties.get("guildhall.db.shard-urls").split(",");
        Matcher port = PORT.matcher(urls[1]);
        assertThat(port.find()).isTrue();
        try (ShardHostProxy host = new ShardHostProxy("127.0.0.1", Integer.parseInt(port.group(1)));
             ConfigurableApplicationContext context = IntegrationTest.start(with(properties, "guildhall.db.shard-urls",
                     urls[0] + "," + urls[1].replace(":" + port.group(1) + "/", ":" + host.port() + "/")))) {
            Api api = IntegrationTest.api(context);
            ShardDatabases shards = context.getBean(ShardDatabases.class);
            FakeServer living = serverOn(shards, 0);
            FakeServer dying = serverOn(shards, 1);
            String livingToken = stub.token(living.owner());
            String dyingToken = stub.token(dying.owner());
            long livingChannel = living.channel();
            long dyingChannel = dying.channel();
            // the first authenticated request fetches the JWKS from the stub, which a loaded machine can slow past
            // the verifier's read timeout (a 500 unrelated to shards): fetch it first
            for (int i = 0; i < 10 && api.get("/api/v1/users/@me/channels", livingToken).status() >= 500; i++) {
                Thread.onSpinWait();
            }
            List<String> acknowledged = new ArrayList<>();
            var before = api.post(messages(dyingChannel), dyingToken, Api.content("before"));
            assertThat(before.status()).isEqualTo(200);
            acknowledged.add(before.text("message_id"));

            host.kill();
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            int refused = 0;
            int delivered = 0;
            while (System.nanoTime() < outageEnds) {
                long start = System.nanoTime();
                var dead = api.post(messages(dyingChannel), dyingToken, Api.content("during " + refused));
                Duration deadTook = Duration.ofNanos(System.nanoTime() - start);
                assertThat(deadTook).as("a send to the dead shard is refused fast").isLessThan(REFUSED_WITHIN);
                assertThat(dead.status()).as(dead.raw().body()).isEqualTo(503);
                assertThat(dead.code()).isEqualTo("DATABASE_UNAVAILABLE");
                assertThat(dead.header("Retry-After")).isNotBlank();
                refused++;

                start = System.nanoTime();
                var alive = api.post(messages(livingChannel), livingToken, Api.content("alive " + delivered));
                Duration aliveTook = Duration.ofNanos(System.nanoTime() - start);
                assertThat(alive.status()).as(alive.raw().body()).isEqualTo(200);
                assertThat(aliveTook).as("a send to the living shard").isLessThan(HEALTHY_WITHIN);
                delivered++;
                // within the channel's send limit (5 per 5 s)
                Thread.sleep(Math.max(0, 1100 - Duration.ofNanos(System.nanoTime() - start).toMillis()));
            }
            assertThat(refused).isGreaterThan(10);

            host.revive();
            Api.Response after = null;
            long backBy = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < backBy) {
                after = api.post(messages(dyingChannel), dyingToken, Api.content("after"));
                if (after.status() == 200) {
                    break;
                }
                assertThat(after.status()).isEqualTo(503);
                Thread.sleep(Long.parseLong(after.header("Retry-After")) * 1000 / 3);
            }
            assertThat(after.status()).as("the shard's servers send again once it is back").isEqualTo(200);
            acknowledged.add(after.text("message_id"));

            var history = api.get(messages(dyingChannel), dyingToken);
            List<String> ids = new ArrayList<>();
            history.body().forEach(m -> ids.add(m.path("message_id").asString()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(api.get(messages(livingChannel), livingToken).body().size()).isEqualTo(Math.min(delivered, 50));
        }
    }

    private static FakeServer serverOn(ShardDatabases shards, int physical) {
        for (int i = 0; i < 100; i++) {
            FakeServer server = stub.server();
            if (shards.router().physicalShard(server.id()) == physical) {
                return server;
            }
        }
        throw new IllegalStateException("no server landed on shard " + physical);
    }

    private static Map<String, String> with(Map<String, String> properties, String key, String value) {
        properties.put(key, value);
        return properties;
    }

    private static String messages(long channel) {
        return "/api/v1/channels/" + channel + "/messages";
    }
}
