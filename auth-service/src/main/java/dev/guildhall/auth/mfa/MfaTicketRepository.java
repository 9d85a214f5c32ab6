package dev.guildhall.auth.mfa;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

@Repository
class MfaTicketRepository {

    private final JdbcClient jdbc;

    MfaTicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] hash, long userId, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO auth_mfa_tickets (ticket_hash, user_id, created_at, expires_at)
                        VALUES (:hash, :userId, :now, :expiresAt)""")
                .param("hash", hash).param("userId", userId).param("now", DbTimes.toDb(now))
                .param("expiresAt", DbTimes.toDb(expiresAt))
                .update();
    }

    /**
     * Counts one attempt against a live ticket (atomically, so parallel guesses cannot exceed the
     * budget) and returns its user; empty when unknown, expired or out of attempts.
     */
    Optional<Long> spendAttempt(byte[] hash, Instant now, int maxAttempts) {
        int updated = jdbc.sql("""
                        UPDATE auth_mfa_tickets SET attempts = attempts + 1
                        WHERE ticket_hash = :hash AND expires_at > :now AND attempts < :max""")
                .param("hash", hash).param("now", DbTimes.toDb(now)).param("max", maxAttempts)
                .update();
        if (updated != 1) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT user_id FROM auth_mfa_tickets WHERE ticket_hash = :hash")
                .param("hash", hash).query(Long.class).optional();
    }

    /** @return whether this call consumed it (single use) */
    boolean delete(byte[] hash) {
        return jdbc.sql("DELETE FROM auth_mfa_tickets WHERE ticket_hash = :hash").param("hash", hash).update() == 1;
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM auth_mfa_tickets WHERE expires_at < :now").param("now", DbTimes.toDb(now)).update();
    }
}
