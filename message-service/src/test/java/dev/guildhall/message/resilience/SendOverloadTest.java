package dev.guildhall.message.resilience;

import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends past the send path's bulkhead (ADR 212) are refused at once with 429 {@code OVERLOADED} and
 * {@code Retry-After}, never a 5xx, and every send that was accepted is stored. Here the bulkhead holds 2
 * sends and lets none wait, and 30 are sent at once (each to its own channel, so no rate limit applies).
 */
class SendOverloadTest {

    static final StubServices stub = StubServices.get();
    static final int SENDS = 30;

    @Test
    void excessSendsAreRefusedFastWithRetryAfterAndAcceptedOnesAreStored() throws Exception {
        Map<String, String> properties = new HashMap<>(
                IntegrationTest.properties("msg_overload", TestInfrastructure.get().kafkaBootstrap()));
        properties.put("resilience4j.bulkhead.instances.message-send.max-concurrent-calls", "2");
        properties.put("resilience4j.bulkhead.instances.message-send.max-wait-duration", "0");
        FakeServer server = stub.server();
        String token = stub.token(server.owner());
        List<Long> channels = new ArrayList<>();
        for (int i = 0; i < SENDS; i++) {
            channels.add(server.channel());
        }
        ExecutorService senders = Executors.newFixedThreadPool(SENDS);
        try (ConfigurableApplicationContext context = IntegrationTest.start(properties)) {
            Api api = IntegrationTest.api(context);
            List<CompletableFuture<Api.Response>> sends = new ArrayList<>();
            for (long channel : channels) {
                sends.add(CompletableFuture.supplyAsync(() -> api.post("/api/v1/channels/" + channel + "/messages",
                        token, Api.content("at once")), senders));
            }
            List<Api.Response> answers = sends.stream().map(CompletableFuture::join).toList();

            assertThat(answers).extracting(Api.Response::status).containsOnly(200, 429);
            List<Api.Response> refused = answers.stream().filter(r -> r.status() == 429).toList();
            assertThat(refused).isNotEmpty().allSatisfy(r -> {
                assertThat(r.code()).isEqualTo("OVERLOADED");
                assertThat(r.header("Retry-After")).isEqualTo("1");
                assertThat(r.body().path("retry_after").asDouble()).isEqualTo(1.0);
            });
            for (int i = 0; i < SENDS; i++) {
                if (answers.get(i).status() == 200) {
                    String id = answers.get(i).text("message_id");
                    var history = api.get("/api/v1/channels/" + channels.get(i) + "/messages", token);
                    List<String> stored = new ArrayList<>();
                    history.body().forEach(message -> stored.add(message.path("message_id").asString()));
                    assertThat(stored).contains(id);
                }
            }
            // the places came back: a send afterwards is accepted
            assertThat(api.post("/api/v1/channels/" + channels.get(0) + "/messages", token, Api.content("after"))
                    .status()).isEqualTo(200);
        } finally {
            senders.shutdownNow();
        }
    }
}
