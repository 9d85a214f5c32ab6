package dev.guildhall.common.ratelimit;

import dev.guildhall.common.ratelimit.RateLimitHeaders.Decision;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTest {

    @Test
    void refusalCarriesRetryAfterAndTheDiscordBody() {
        Decision refused = new Decision(false, 5, 0, 3_250_000_000L, "messages:123", false);
        Map<String, String> headers = RateLimitHeaders.headers(refused);
        assertThat(headers).containsEntry("X-RateLimit-Limit", "5")
                .containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Reset-After", "3.250")
                .containsEntry("X-RateLimit-Bucket", "messages:123")
                .containsEntry("Retry-After", "4")
                .containsKey("X-RateLimit-Reset");
        Map<String, Object> body = RateLimitHeaders.body(refused);
        assertThat(body).containsEntry("retry_after", 3.25).containsEntry("global", false);
    }

    @Test
    void allowedResponsesHaveNoRetryAfter() {
        Map<String, String> headers = RateLimitHeaders.headers(new Decision(true, 5, 4, 1_000_000_000L, "b", false));
        assertThat(headers).doesNotContainKey("Retry-After").containsEntry("X-RateLimit-Remaining", "4");
    }

    @Test
    void globalLimitIsMarked() {
        Decision global = new Decision(false, 50, 0, 500_000_000L, "global", true);
        assertThat(RateLimitHeaders.headers(global)).containsEntry("X-RateLimit-Global", "true");
        assertThat(RateLimitHeaders.body(global)).containsEntry("global", true);
    }
}
