package dev.guildhall.auth.mfa;

import dev.guildhall.auth.crypto.SecretCipher;
import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

/** {@code user_totp}: the TOTP seed per user, sealed with the user id as associated data. */
@Repository
class TotpRepository {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    TotpRepository(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    record TotpState(long userId, byte[] secret, Instant enabledAt, Long lastUsedStep) {

        boolean enabled() {
            return enabledAt != null;
        }
    }

    Optional<TotpState> find(long userId) {
        return jdbc.sql("SELECT user_id, secret_sealed, enabled_at, last_used_step FROM user_totp WHERE user_id = :id")
                .param("id", userId)
                .query((rs, n) -> new TotpState(rs.getLong("user_id"),
                        cipher.open(rs.getString("secret_sealed"), context(userId)), DbTimes.fromDb(rs, "enabled_at"),
                        DbTimes.nullableLong(rs, "last_used_step")))
                .optional();
    }

    void deletePending(long userId) {
        jdbc.sql("DELETE FROM user_totp WHERE user_id = :id AND enabled_at IS NULL").param("id", userId).update();
    }

    /** @throws org.springframework.dao.DuplicateKeyException if TOTP is already enabled */
    void insertPending(long userId, byte[] secret, Instant now) {
        jdbc.sql("INSERT INTO user_totp (user_id, secret_sealed, created_at) VALUES (:id, :secret, :now)")
                .param("id", userId)
                .param("secret", cipher.seal(secret, context(userId)))
                .param("now", DbTimes.toDb(now))
                .update();
    }

    /** @return whether this call switched a pending seed on */
    boolean enable(long userId, long step, Instant now) {
        return jdbc.sql("""
                        UPDATE user_totp SET enabled_at = :now, last_used_step = :step
                        WHERE user_id = :id AND enabled_at IS NULL""")
                .param("now", DbTimes.toDb(now)).param("step", step).param("id", userId)
                .update() == 1;
    }

    /** Records an accepted step; false if an equal or later step was accepted meanwhile (a replay). */
    boolean acceptStep(long userId, long step) {
        return jdbc.sql("""
                        UPDATE user_totp SET last_used_step = :step
                        WHERE user_id = :id AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < :step)""")
                .param("step", step).param("id", userId)
                .update() == 1;
    }

    void delete(long userId) {
        jdbc.sql("DELETE FROM user_totp WHERE user_id = :id").param("id", userId).update();
    }

    private static String context(long userId) {
        return "totp:" + userId;
    }
}
