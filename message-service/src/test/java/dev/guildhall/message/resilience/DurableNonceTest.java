package dev.guildhall.message.resilience;

import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nonce is guarded by the shard, not only by Redis (ADR 246): with Redis unreachable — the case of a claim
 * that timed out under load, too — a retried send answers the first message and stores nothing twice.
 */
class DurableNonceTest {

    static final StubServices stub = StubServices.get();
    static ConfigurableApplicationContext context;
    static Api api;

    @BeforeAll
    static void start() {
        Map<String, String> properties = new HashMap<>(
                IntegrationTest.properties("msg_nonce_durable", TestInfrastructure.get().kafkaBootstrap()));
        properties.put("guildhall.redis.url", "redis://127.0.0.1:" + FreePorts.find());
        context = IntegrationTest.start(properties);
        api = IntegrationTest.api(context);
        // the first authenticated request fetches the JWKS from the stub, which a loaded machine can slow past the
        // verifier's read timeout (a 500 that has nothing to do with nonces): fetch it before the tests
        String token = stub.token(stub.user());
        for (int i = 0; i < 10 && api.get("/api/v1/users/@me/channels", token).status() >= 500; i++) {
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aRetryWithoutRedisAnswersTheFirstMessage() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long user = server.member();
        String token = stub.token(user);

        var first = api.post(messages(channel), token, Map.of("content", "only once", "nonce", "retry-1"));
        var retry = api.post(messages(channel), token, Map.of("content", "only once", "nonce", "retry-1"));
        var otherUser = api.post(messages(channel), stub.token(server.member()),
                Map.of("content", "mine", "nonce", "retry-1"));
        var noNonce = api.post(messages(channel), token, Api.content("no nonce"));
        var noNonceAgain = api.post(messages(channel), token, Api.content("no nonce"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("message_id")).isEqualTo(first.text("message_id"));
        assertThat(retry.text("nonce")).isEqualTo("retry-1");
        assertThat(retry.text("content")).isEqualTo("only once");
        assertThat(otherUser.text("message_id")).isNotEqualTo(first.text("message_id"));
        assertThat(noNonceAgain.text("message_id")).isNotEqualTo(noNonce.text("message_id"));
        assertThat(contents(channel, token)).containsExactly("no nonce", "no nonce", "mine", "only once");
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        assertThat(registry.find("guildhall.degraded").tag("dependency", "redis").tag("feature", "nonce")
                .counter().count()).isPositive();
    }

    @Test
    void concurrentRetriesWithoutRedisStoreOneMessage() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.member());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Api.Response> send = () -> api.post(messages(channel), token,
                    Map.of("content", "raced", "nonce", "race-1"));
            List<Future<Api.Response>> answers = pool.invokeAll(List.of(send, send, send, send));
            Set<String> ids = new HashSet<>();
            for (Future<Api.Response> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
                ids.add(answer.get().text("message_id"));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(contents(channel, token)).containsExactly("raced");
    }

    private static List<String> contents(long channel, String token) {
        var page = api.get(messages(channel), token);
        assertThat(page.status()).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        page.body().forEach(m -> contents.add(m.path("content").asString()));
        return contents;
    }

    private static String messages(long channel) {
        return "/api/v1/channels/" + channel + "/messages";
    }
}
