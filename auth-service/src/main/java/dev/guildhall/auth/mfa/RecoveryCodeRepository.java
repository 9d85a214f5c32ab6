package dev.guildhall.auth.mfa;

import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

@Repository
class RecoveryCodeRepository {

    private final JdbcClient jdbc;

    RecoveryCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void replaceAll(long userId, List<byte[]> hashes, Instant now) {
        deleteAll(userId);
        for (byte[] hash : hashes) {
            jdbc.sql("INSERT INTO user_recovery_codes (user_id, code_hash, created_at) VALUES (:id, :hash, :now)")
                    .param("id", userId).param("hash", hash).param("now", DbTimes.toDb(now))
                    .update();
        }
    }

    /** Spends a code; false if it does not exist or was used already. */
    boolean use(long userId, byte[] hash, Instant now) {
        return jdbc.sql("""
                        UPDATE user_recovery_codes SET used_at = :now
                        WHERE user_id = :id AND code_hash = :hash AND used_at IS NULL""")
                .param("now", DbTimes.toDb(now)).param("id", userId).param("hash", hash)
                .update() == 1;
    }

    void deleteAll(long userId) {
        jdbc.sql("DELETE FROM user_recovery_codes WHERE user_id = :id").param("id", userId).update();
    }
}
