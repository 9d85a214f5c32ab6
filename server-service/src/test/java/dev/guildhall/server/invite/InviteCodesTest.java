package dev.guildhall.server.invite;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InviteCodesTest {

    @Test
    void codesAreUrlSafeAndDistinct() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = InviteCodes.next();
            assertThat(code).hasSize(InviteCodes.LENGTH).matches("[A-Za-z0-9]+");
            codes.add(code);
        }
        assertThat(codes).hasSize(1000);
    }

    @Test
    void implausibleCodesNeverReachTheDatabase() {
        assertThat(InviteCodes.plausible("abcDEF1234")).isTrue();
        assertThat(InviteCodes.plausible("")).isFalse();
        assertThat(InviteCodes.plausible("a'; DROP")).isFalse();
        assertThat(InviteCodes.plausible("x".repeat(17))).isFalse();
    }

    @Test
    void expiryAndExhaustion() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        InviteRow never = new InviteRow("c", 1, 2, 3, 0, 0, 500, now, null);
        assertThat(never.expired(now.plusSeconds(1_000_000))).isFalse();
        assertThat(never.exhausted()).isFalse();
        InviteRow day = new InviteRow("c", 1, 2, 3, 86_400, 2, 2, now, now.plusSeconds(86_400));
        assertThat(day.expired(now.plusSeconds(86_399))).isFalse();
        assertThat(day.expired(now.plusSeconds(86_400))).isTrue();
        assertThat(day.exhausted()).isTrue();
    }
}
