package dev.guildhall.auth.session;

import dev.guildhall.auth.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

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
    void theSixthAttemptOnOneAccountInAMinuteIsRefusedFromAnyAddress() {
        JsonNode user = newUser("pete");
        String name = user.get("username").asString();
        for (int i = 0; i < 4; i++) {
            loginFrom(randomIp(), name, "wrong password " + i).expect(401);
        }
        loginFrom(randomIp(), name.toUpperCase(), PASSWORD).expect(200);
        Reply refused = loginFrom(randomIp(), name, PASSWORD).expect(429);
        assertRateLimited(refused);
        assertThat(refused.header("X-RateLimit-Bucket")).isEqualTo("login:account");
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
