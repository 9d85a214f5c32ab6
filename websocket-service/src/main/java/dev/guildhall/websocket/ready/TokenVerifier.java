package dev.guildhall.websocket.ready;

import dev.guildhall.common.id.InvalidIdException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.security.TokenClaims;
import dev.guildhall.websocket.session.AuthenticationFailedException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies IDENTIFY and RESUME tokens with common's {@code TokenVerification} (JWKS from
 * auth-service, RS256 only, issuer, audience, expiry, {@code token_use=access}). A token that is
 * wrong is 4004; keys that cannot be fetched are not the client's fault (4000, retry).
 */
public final class TokenVerifier {

    private final ReactiveJwtDecoder decoder;

    public TokenVerifier(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    public Mono<VerifiedUser> verify(String token) {
        return Mono.defer(() -> decoder.decode(token))
                .map(jwt -> new VerifiedUser(Snowflake.parse(jwt.getSubject()), jwt.getClaimAsString(TokenClaims.USERNAME)))
                .onErrorMap(BadJwtException.class, e -> new AuthenticationFailedException(e.getMessage()))
                .onErrorMap(InvalidIdException.class, e -> new AuthenticationFailedException("sub is not a user id"));
    }
}
