package dev.guildhall.auth.key;

import com.nimbusds.jose.jwk.RSAKey;
import dev.guildhall.auth.crypto.SecretCipher;
import dev.guildhall.data.db.DbTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

/**
 * {@code signing_keys}: the public JWK in the clear, the private JWK sealed by {@link SecretCipher}
 * with the kid as associated data (ADR 012).
 */
@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    SigningKeyRepository(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    List<SigningKey> findAll() {
        return jdbc.sql("""
                        SELECT kid, private_key_sealed, created_at, activate_at, deactivate_at, retire_at
                        FROM signing_keys ORDER BY activate_at""")
                .query((rs, n) -> {
                    String kid = rs.getString("kid");
                    return new SigningKey(kid, open(kid, rs.getString("private_key_sealed")),
                            DbTimes.fromDb(rs, "created_at"), DbTimes.fromDb(rs, "activate_at"),
                            DbTimes.fromDb(rs, "deactivate_at"), DbTimes.fromDb(rs, "retire_at"));
                })
                .list();
    }

    void insert(SigningKey key) {
        jdbc.sql("""
                        INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_sealed, created_at, activate_at,
                                                  deactivate_at, retire_at)
                        VALUES (:kid, 'RS256', :publicJwk, :sealed, :createdAt, :activateAt, :deactivateAt, :retireAt)""")
                .param("kid", key.kid())
                .param("publicJwk", key.jwk().toPublicJWK().toJSONString())
                .param("sealed", cipher.seal(key.jwk().toJSONString().getBytes(StandardCharsets.UTF_8), context(key.kid())))
                .param("createdAt", DbTimes.toDb(key.createdAt()))
                .param("activateAt", DbTimes.toDb(key.activateAt()))
                .param("deactivateAt", DbTimes.toDb(key.deactivateAt()))
                .param("retireAt", DbTimes.toDb(key.retireAt()))
                .update();
    }

    void deactivate(SigningKey key) {
        jdbc.sql("UPDATE signing_keys SET deactivate_at = :deactivateAt, retire_at = :retireAt WHERE kid = :kid")
                .param("deactivateAt", DbTimes.toDb(key.deactivateAt()))
                .param("retireAt", DbTimes.toDb(key.retireAt()))
                .param("kid", key.kid())
                .update();
    }

    /** Serializes key creation across instances until the calling transaction ends. */
    void lock() {
        jdbc.sql("SELECT lock_name FROM auth_locks WHERE lock_name = 'signing_keys' FOR UPDATE").query(String.class).list();
    }

    int deleteRetiredBefore(Instant before) {
        return jdbc.sql("DELETE FROM signing_keys WHERE retire_at IS NOT NULL AND retire_at < :before")
                .param("before", DbTimes.toDb(before))
                .update();
    }

    private RSAKey open(String kid, String sealed) {
        try {
            return RSAKey.parse(new String(cipher.open(sealed, context(kid)), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + kid + " is not a JWK", e);
        }
    }

    private static String context(String kid) {
        return "signing-key:" + kid;
    }
}
