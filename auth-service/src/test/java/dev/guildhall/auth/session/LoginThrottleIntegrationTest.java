package dev.guildhall.auth.session;

import dev.guildhall.auth.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleIntegrationTest extends IntegrationTest {

    @Test
    void theSixthAttemptFromOneAddressInAMinuteIsRefusedEvenWithTheRightPassword() {
        String ip = randomIp();
        JsonNode user = newUser("olga");
        for (int i = 0; i < 5; i++) {
            // different accounts, one address: the per-IP budget
            Reply attempt = loginFrom(ip, uniqueName("ghost"), "wrong password " + i).expect(401);
            assertThat(attempt.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(attempt.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
        }
        Reply refused = loginFrom(ip, user.get("username").asString(), PASSWORD).expect(429);
        assertRateLimited(refused);
    }

    @Test
    void manyPeopleBehindOneAddressCanAllSignIn() {
        String ip = randomIp();
        for (int i = 0; i < 8; i++) {
            JsonNode user = newUser("nat" + i);
            loginFrom(ip, user.get("username").asString(), PASSWORD).expect(200);
        }
        // failures still count against the address
        for (int i = 0; i < 5; i++) {
            loginFrom(ip, uniqueName("ghost"), "wrong password").expect(401);
        }
        assertThat(loginFrom(ip, uniqueName("ghost"), "wrong password").status()).isEqualTo(429);
    }

    @Test
    void theSixthAttemptOnOneAccountInAMinuteIsRefusedFromAnyAddress() {
        JsonNode user = newUser("pete");
        String name = user.get("username").asString();
        for (int i = 0; i < 4; i++) {
            loginFrom(randomIp(), name, "wrong password " + i).expect(401);
        }
        // by email this time: still the same account
        loginFrom(randomIp(), user.get("email").asString(), PASSWORD).expect(200);
        Reply refused = loginFrom(randomIp(), name, PASSWORD).expect(429);
        assertRateLimited(refused);
        assertThat(refused.header("X-RateLimit-Bucket")).isEqualTo("login:account");
    }

    @Autowired
    MeterRegistry meters;

    /** Shared counting must hold under contention, without falling back to per-instance windows. */
    @Test
    void aConcurrentBurstStillGetsExactlyFiveAttempts() throws Exception {
        double fallbacksBefore = meters.counter("guildhall.auth.throttle.fallback").count();
        String ip = randomIp();
        JsonNode user = newUser("quentin");
        String name = user.get("username").asString();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                replies.add(pool.submit(() -> loginFrom(ip, n % 2 == 0 ? name : uniqueName("ghost"), "wrong password")));
            }
            int allowed = 0;
            int refused = 0;
            for (Future<Reply> reply : replies) {
                int status = reply.get(30, TimeUnit.SECONDS).status();
                if (status == 429) {
                    refused++;
                } else {
                    assertThat(status).isEqualTo(401);
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(5);
            assertThat(refused).isEqualTo(75);
            assertThat(meters.counter("guildhall.auth.throttle.fallback").count()).isEqualTo(fallbacksBefore);
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertRateLimited(Reply refused) {
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Reset-After")).isNotBlank();
        JsonNode body = refused.json();
        assertThat(body.get("retry_after").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(60);
        assertThat(body.get("global").asBoolean()).isFalse();
        assertThat(body.get("global").isBoolean()).isTrue();
    }

    private Reply loginFrom(String ip, String login, String password) {
        return post("/api/v1/auth/login", Map.of("login", login, "password", password), "X-Forwarded-For", ip);
    }
}
