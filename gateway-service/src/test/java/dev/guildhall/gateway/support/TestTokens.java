package dev.guildhall.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.guildhall.common.security.TokenClaims;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Access tokens the way auth-service signs them, and the broken ones the gateway must refuse. */
public final class TestTokens {

    public static final String ISSUER = "http://guildhall.test";

    private final RSAKey key = generate("test-key");
    /** Same key id, different key: a forged signature. */
    private final RSAKey forger = generate("test-key");

    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String access(String userId) {
        return sign(key, claims(userId).build());
    }

    public String expired(String userId) {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        return sign(key, claims(userId).issueTime(Date.from(past.minusSeconds(600))).expirationTime(Date.from(past)).build());
    }

    public String with(String userId, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(claims(userId)).build());
    }

    public String forged(String userId) {
        return sign(forger, claims(userId).build());
    }

    public String unsigned(String userId) {
        return new PlainJWT(claims(userId).build()).serialize();
    }

    private static JWTClaimsSet.Builder claims(String userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(TokenClaims.AUDIENCE)
                .subject(userId)
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.TOKEN_USE, TokenClaims.USE_ACCESS)
                .claim(TokenClaims.USERNAME, "user" + userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
