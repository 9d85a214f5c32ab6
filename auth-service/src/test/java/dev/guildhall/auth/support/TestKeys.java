package dev.guildhall.auth.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.guildhall.auth.key.SigningKey;

import java.time.Instant;

/** RSA keys for tests (generated once per JVM: 2048-bit generation is not free). */
public final class TestKeys {

    private static final RSAKey FIRST = generate();
    private static final RSAKey SECOND = generate();

    private TestKeys() {
    }

    public static RSAKey first() {
        return FIRST;
    }

    public static RSAKey second() {
        return SECOND;
    }

    public static SigningKey signing(RSAKey jwk, Instant activateAt, Instant deactivateAt, Instant retireAt) {
        return new SigningKey(jwk.getKeyID(), jwk, activateAt, activateAt, deactivateAt, retireAt);
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
