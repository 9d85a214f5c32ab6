package dev.guildhall.auth.token;

import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.auth.key.KeyRing;
import dev.guildhall.auth.key.SigningKey;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.security.TokenClaims;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens: RS256 JWTs with {@code iss, aud, sub, exp, iat, jti, username,
 * token_use=access} and the signing key's {@code kid} in the header. What every verifier checks
 * is {@code dev.guildhall.common.security.TokenVerification}.
 */
@Component
public class AccessTokenIssuer {

    private final JwtEncoder encoder;
    private final KeyRing ring;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokenIssuer(KeyRing ring, AuthProperties properties, Clock clock) {
        this.encoder = new NimbusJwtEncoder(ring.signingSource());
        this.ring = ring;
        this.issuer = properties.issuer();
        this.audience = properties.audience();
        this.ttl = properties.tokens().accessTokenTtl();
        this.clock = clock;
    }

    public AccessToken issue(long userId, String username) {
        Instant now = clock.instant();
        SigningKey key = ring.signingKey(now);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").keyId(key.kid()).build();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(audience))
                .subject(Snowflake.format(userId))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .id(UUID.randomUUID().toString())
                .claim(TokenClaims.USERNAME, username)
                .claim(TokenClaims.TOKEN_USE, TokenClaims.USE_ACCESS)
                .build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(value, ttl.toSeconds());
    }

    public record AccessToken(String value, long expiresInSeconds) {
    }
}
