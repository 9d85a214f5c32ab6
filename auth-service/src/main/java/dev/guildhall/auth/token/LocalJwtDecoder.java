package dev.guildhall.auth.token;

import dev.guildhall.auth.key.KeyRing;
import dev.guildhall.common.security.TokenVerification;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The access-token decoder of the issuer itself: the same rules as every other verifier
 * ({@link TokenVerification#validator}: RS256 only, issuer, audience, expiry, {@code token_use}),
 * but keys from this instance's {@link KeyRing} instead of an HTTP fetch of our own JWKS.
 */
public final class LocalJwtDecoder {

    private LocalJwtDecoder() {
    }

    public static JwtDecoder create(KeyRing ring, String issuer, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(ring.verificationSource())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(TokenVerification.validator(issuer, audience));
        return decoder;
    }
}
