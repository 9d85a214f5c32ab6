package dev.guildhall.auth.token;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.guildhall.auth.token.RefreshTokenPolicy.Verdict.EXPIRED;
import static dev.guildhall.auth.token.RefreshTokenPolicy.Verdict.REUSED;
import static dev.guildhall.auth.token.RefreshTokenPolicy.Verdict.REVOKED;
import static dev.guildhall.auth.token.RefreshTokenPolicy.Verdict.ROTATE;
import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenPolicyTest {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(30));

    @Test
    void aLiveTokenRotates() {
        assertThat(RefreshTokenPolicy.judge(token(null, null), ISSUED.plusSeconds(1))).isEqualTo(ROTATE);
        assertThat(RefreshTokenPolicy.judge(token(null, null), EXPIRES.minusMillis(1))).isEqualTo(ROTATE);
    }

    @Test
    void aTokenPastItsExpiryIsRefused() {
        assertThat(RefreshTokenPolicy.judge(token(null, null), EXPIRES)).isEqualTo(EXPIRED);
    }

    @Test
    void presentingARotatedTokenAgainIsReuse() {
        RefreshToken rotated = token(ISSUED.plusSeconds(60), RefreshTokenPolicy.ROTATED);
        assertThat(RefreshTokenPolicy.judge(rotated, ISSUED.plusSeconds(120))).isEqualTo(REUSED);
        // even after expiry: the family is still worth killing
        assertThat(RefreshTokenPolicy.judge(rotated, EXPIRES.plusSeconds(1))).isEqualTo(REUSED);
    }

    @Test
    void aTokenRevokedForAnotherReasonIsOnlyRefused() {
        assertThat(RefreshTokenPolicy.judge(token(ISSUED.plusSeconds(60), RefreshTokenPolicy.LOGOUT),
                ISSUED.plusSeconds(120))).isEqualTo(REVOKED);
        assertThat(RefreshTokenPolicy.judge(token(ISSUED.plusSeconds(60), RefreshTokenPolicy.REUSE_DETECTED),
                ISSUED.plusSeconds(120))).isEqualTo(REVOKED);
    }

    private static RefreshToken token(Instant revokedAt, String reason) {
        return new RefreshToken(2, 1, 2, ISSUED, EXPIRES, revokedAt, reason);
    }
}
