package dev.guildhall.auth.token;

import java.time.Instant;

/**
 * What presenting a refresh token means (ADR 014). Pure, so the rotation rules are unit-tested.
 */
public final class RefreshTokenPolicy {

    public static final String ROTATED = "rotated";
    public static final String REUSE_DETECTED = "reuse_detected";
    public static final String LOGOUT = "logout";

    private RefreshTokenPolicy() {
    }

    public enum Verdict {
        /** Valid: revoke it, issue its successor in the same family. */
        ROTATE,
        /** Already rotated away: someone replayed a copy. Revoke the whole family. */
        REUSED,
        /** Revoked for another reason (logout, password change, earlier reuse): refuse. */
        REVOKED,
        /** Past its expiry: refuse. */
        EXPIRED
    }

    public static Verdict judge(RefreshToken token, Instant now) {
        if (token.revokedAt() != null) {
            return ROTATED.equals(token.revokeReason()) ? Verdict.REUSED : Verdict.REVOKED;
        }
        if (!now.isBefore(token.expiresAt())) {
            return Verdict.EXPIRED;
        }
        return Verdict.ROTATE;
    }
}
