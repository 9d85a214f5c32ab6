package dev.guildhall.common.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerificationTest {

    static final String ISSUER = "http://auth.test";
    static KeyPair keys;
    static NimbusJwtDecoder decoder;

    @BeforeAll
    static void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(TokenVerification.validator(ISSUER, TokenClaims.AUDIENCE));
    }

    static String token(Consumer<JWTClaimsSet.Builder> tweak) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(TokenClaims.AUDIENCE).subject("42").jwtID(UUID.randomUUID().toString())
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim(TokenClaims.TOKEN_USE, TokenClaims.USE_ACCESS);
        tweak.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void acceptsAValidAccessToken() throws Exception {
        Jwt jwt = decoder.decode(token(c -> { }));
        assertThat(jwt.getSubject()).isEqualTo("42");
    }

    @Test
    void refusesExpired() throws Exception {
        String expired = token(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600))));
        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesWrongAudienceOrIssuer() throws Exception {
        String wrongAud = token(c -> c.audience("someone-else"));
        String wrongIss = token(c -> c.issuer("http://evil"));
        assertThatThrownBy(() -> decoder.decode(wrongAud)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(wrongIss)).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesTokensThatAreNotAccessTokens() throws Exception {
        String ticket = token(c -> c.claim(TokenClaims.TOKEN_USE, "mfa_ticket"));
        assertThatThrownBy(() -> decoder.decode(ticket)).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesAlgNoneAndOtherAlgorithms() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(TokenClaims.AUDIENCE)
                .subject("42").jwtID("x").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim(TokenClaims.TOKEN_USE, TokenClaims.USE_ACCESS).build();
        String none = new PlainJWT(claims).serialize();
        assertThatThrownBy(() -> decoder.decode(none)).isInstanceOf(JwtException.class);

        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hs.sign(new MACSigner(new byte[32]));
        assertThatThrownBy(() -> decoder.decode(hs.serialize())).isInstanceOf(JwtException.class);
    }
}
