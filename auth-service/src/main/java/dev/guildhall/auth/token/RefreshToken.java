package dev.guildhall.auth.token;

import java.time.Instant;

/** A stored refresh token (only its SHA-256 is kept). A family is one login session. */
public record RefreshToken(long tokenId, long userId, long familyId, Instant createdAt, Instant expiresAt,
                           Instant revokedAt, String revokeReason) {
}
