package dev.guildhall.auth.token;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

@Repository
class RefreshTokenRepository {

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RefreshToken> findByHash(byte[] hash) {
        return jdbc.sql("""
                        SELECT token_id, user_id, family_id, created_at, expires_at, revoked_at, revoke_reason
                        FROM user_refresh_tokens WHERE token_hash = :hash""")
                .param("hash", hash)
                .query((rs, n) -> new RefreshToken(rs.getLong("token_id"), rs.getLong("user_id"), rs.getLong("family_id"),
                        DbTimes.fromDb(rs, "created_at"), DbTimes.fromDb(rs, "expires_at"), DbTimes.fromDb(rs, "revoked_at"),
                        rs.getString("revoke_reason")))
                .optional();
    }

    void insert(RefreshToken token, byte[] hash) {
        jdbc.sql("""
                        INSERT INTO user_refresh_tokens (token_id, user_id, family_id, token_hash, created_at, expires_at)
                        VALUES (:id, :userId, :familyId, :hash, :createdAt, :expiresAt)""")
                .param("id", token.tokenId())
                .param("userId", token.userId())
                .param("familyId", token.familyId())
                .param("hash", hash)
                .param("createdAt", DbTimes.toDb(token.createdAt()))
                .param("expiresAt", DbTimes.toDb(token.expiresAt()))
                .update();
    }

    /** @return whether this call revoked it (false: it was already revoked, e.g. by a concurrent use) */
    boolean revoke(long tokenId, Instant now, String reason, Long replacedBy) {
        return jdbc.sql("""
                        UPDATE user_refresh_tokens SET revoked_at = :now, revoke_reason = :reason, replaced_by = :replacedBy
                        WHERE token_id = :id AND revoked_at IS NULL""")
                .param("now", DbTimes.toDb(now))
                .param("reason", reason)
                .param("replacedBy", replacedBy)
                .param("id", tokenId)
                .update() == 1;
    }

    int revokeFamily(long familyId, Instant now, String reason) {
        return jdbc.sql("""
                        UPDATE user_refresh_tokens SET revoked_at = :now, revoke_reason = :reason
                        WHERE family_id = :family AND revoked_at IS NULL""")
                .param("now", DbTimes.toDb(now)).param("reason", reason).param("family", familyId)
                .update();
    }

    int revokeAllForUser(long userId, Instant now, String reason) {
        return jdbc.sql("""
                        UPDATE user_refresh_tokens SET revoked_at = :now, revoke_reason = :reason
                        WHERE user_id = :user AND revoked_at IS NULL""")
                .param("now", DbTimes.toDb(now)).param("reason", reason).param("user", userId)
                .update();
    }

    int deleteExpiredBefore(Instant before, int limit) {
        return jdbc.sql("DELETE FROM user_refresh_tokens WHERE expires_at < :before LIMIT :limit")
                .param("before", DbTimes.toDb(before)).param("limit", limit)
                .update();
    }
}
