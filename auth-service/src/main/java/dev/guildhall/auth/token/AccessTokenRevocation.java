package dev.guildhall.auth.token;

import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.support.security.TokenRevocations;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Ends access tokens before their expiry (ADR 208): the one presented at logout, or every earlier one of a user who
 * logs out everywhere or changes their password. The gateway and every service refuse them at once; when Redis is
 * down they lapse with their short lifetime ({@code guildhall.auth.tokens.access-token-ttl}) instead.
 */
@Component
public class AccessTokenRevocation {

    private final TokenRevocations revocations;
    private final Duration lifetime;

    public AccessTokenRevocation(TokenRevocations revocations, AuthProperties properties) {
        this.revocations = revocations;
        this.lifetime = properties.tokens().accessTokenTtl();
    }

    public void revoke(Jwt accessToken) {
        revocations.revoke(accessToken);
    }

    public void revokeAllOf(long userId) {
        revocations.revokeAllOf(userId, lifetime);
    }
}
