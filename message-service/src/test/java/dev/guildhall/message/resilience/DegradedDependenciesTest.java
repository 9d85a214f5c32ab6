package dev.guildhall.message.resilience;

import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dependency that is down degrades its feature, not the service (DESIGN): without Redis, sends
 * go through (no shared rate limit, no de-duplication); without auth-service, messages show ids
 * without names, while opening a DM, which must know the recipient exists, answers 503.
 */
class DegradedDependenciesTest {

    static final StubServices stub = StubServices.get();

    @Test
    void sendsWorkWithoutRedisAndWithoutAuthService() {
        Map<String, String> properties = new HashMap<>(
                IntegrationTest.properties("msg_degraded", TestInfrastructure.get().kafkaBootstrap()));
        properties.put("guildhall.redis.url", "redis://127.0.0.1:" + FreePorts.find());
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        try (ConfigurableApplicationContext context = IntegrationTest.start(properties)) {
            Api api = IntegrationTest.api(context);
            for (int i = 0; i < 6; i++) {
                var sent = api.post("/api/v1/channels/" + channel + "/messages", token, Api.content("no redis " + i));
                assertThat(sent.status()).isEqualTo(200);
                assertThat(sent.header("X-RateLimit-Limit")).isEqualTo("5");
            }
            assertThat(api.post("/api/v1/channels/" + channel + "/typing", token, null).status()).isEqualTo(204);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("guildhall.degraded").tag("dependency", "redis").tag("feature", "rate-limit")
                    .counter().count()).isGreaterThanOrEqualTo(6);

            stub.authDown(true);
            long stranger = server.member();
            var anonymous = api.post("/api/v1/channels/" + channel + "/messages", stub.token(stranger),
                    Api.content("who am I"));
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.body().path("author").path("user_id").asString()).isEqualTo(Long.toString(stranger));
            assertThat(anonymous.body().path("author").path("username").isNull()).isTrue();
            var dm = api.post("/api/v1/users/@me/channels", stub.token(stranger),
                    Map.of("recipient_id", Long.toString(stub.user())));
            assertThat(dm.status()).isEqualTo(503);
            assertThat(dm.code()).isEqualTo("SERVICE_UNAVAILABLE");
        } finally {
            stub.authDown(false);
        }
    }
}
