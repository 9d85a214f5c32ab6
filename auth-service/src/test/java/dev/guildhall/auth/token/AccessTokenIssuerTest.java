package dev.guildhall.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.guildhall.auth.key.KeyRing;
import dev.guildhall.auth.support.TestKeys;
import dev.guildhall.auth.support.TestProperties;
import dev.guildhall.common.security.TokenClaims;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenIssuerTest {

    private static final String ISSUER = TestProperties.ISSUER;
    private static final String AUDIENCE = TestProperties.AUDIENCE;

    private final Clock clock = Clock.systemUTC();
    private final KeyRing ring = KeyRing.of(List.of(TestKeys.signing(TestKeys.first(),
            Instant.now().minusSeconds(60), null, null)), clock);
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(ring, TestProperties.defaults(), clock);
    private final JwtDecoder decoder = LocalJwtDecoder.create(ring, ISSUER, AUDIENCE);

    @Test
    void issuesTheDocumentedClaims() {
        AccessTokenIssuer.AccessToken token = issuer.issue(123456789L, "alice");
        Jwt jwt = decoder.decode(token.value());

        assertThat(token.expiresInSeconds()).isEqualTo(600);
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("kid", TestKeys.first().getKeyID());
        assertThat(jwt.getIssuer()).hasToString(ISSUER);
        assertThat(jwt.getAudience()).containsExactly(AUDIENCE);
        assertThat(jwt.getSubject()).isEqualTo("123456789");
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getClaimAsString(TokenClaims.USERNAME)).isEqualTo("alice");
        assertThat(jwt.getClaimAsString(TokenClaims.TOKEN_USE)).isEqualTo(TokenClaims.USE_ACCESS);
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void everyTokenHasItsOwnJti() {
        assertThat(decoder.decode(issuer.issue(1, "a").value()).getId())
                .isNotEqualTo(decoder.decode(issuer.issue(1, "a").value()).getId());
    }

    @Test
    void refusesAlgNone() {
        String unsigned = new PlainJWT(claims(AUDIENCE, Instant.now().plusSeconds(600), "access")).serialize();
        assertThatThrownBy(() -> decoder.decode(unsigned)).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesWrongAudienceExpiryUseOrUnknownKey() throws Exception {
        assertThatThrownBy(() -> decoder.decode(sign(claims("other-api", Instant.now().plusSeconds(600), "access"))))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(sign(claims(AUDIENCE, Instant.now().minusSeconds(120), "access"))))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(sign(claims(AUDIENCE, Instant.now().plusSeconds(600), "mfa_ticket"))))
                .isInstanceOf(JwtException.class);
        SignedJWT foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.second().getKeyID())
                .build(), claims(AUDIENCE, Instant.now().plusSeconds(600), "access"));
        foreign.sign(new RSASSASigner(TestKeys.second()));
        assertThatThrownBy(() -> decoder.decode(foreign.serialize())).isInstanceOf(JwtException.class);
        // control: the same construction with our key passes
        assertThat(decoder.decode(sign(claims(AUDIENCE, Instant.now().plusSeconds(600), "access"))).getSubject())
                .isEqualTo("42");
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(TestKeys.first().getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(TestKeys.first()));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String audience, Instant expiresAt, String use) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject("42")
                .issueTime(Date.from(expiresAt.minusSeconds(600))).expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString()).claim(TokenClaims.TOKEN_USE, use).build();
    }
}
