package dev.guildhall.websocket.ready;

import dev.guildhall.common.id.InvalidIdException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.security.BotTokens;
import dev.guildhall.common.security.TokenClaims;
import dev.guildhall.websocket.session.AuthenticationFailedException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies IDENTIFY and RESUME tokens. An access token (a JWT) is checked with common's {@code
 * TokenVerification} (JWKS from auth-service, RS256 only, issuer, audience, expiry, {@code token_use=access});
 * a bot token — {@code "Bot <token>"} as Discord's libraries send it, or bare — by bot-service through {@link
 * BotTokenCheck} (ADR 167). A token that is wrong is 4004; keys or bot-service that cannot be reached are not
 * the client's fault (4000, retry).
 */
public final class TokenVerifier {

    private final ReactiveJwtDecoder decoder;
    private final BotTokenCheck bots;

    public TokenVerifier(ReactiveJwtDecoder decoder, BotTokenCheck bots) {
        this.decoder = decoder;
        this.bots = bots;
    }

    public Mono<VerifiedUser> verify(String token) {
        String bare = BotTokens.fromHeader(token);
        if (bare != null || BotTokens.claimedUserId(token).isPresent()) {
            return verifyBot(bare != null ? bare : token);
        }
        return Mono.defer(() -> decoder.decode(token))
                .map(jwt -> VerifiedUser.person(Snowflake.parse(jwt.getSubject()),
                        jwt.getClaimAsString(TokenClaims.USERNAME), jwt.getId(),
                        jwt.getIssuedAt() == null ? 0 : jwt.getIssuedAt().getEpochSecond()))
                .onErrorMap(BadJwtException.class, e -> new AuthenticationFailedException(e.getMessage()))
                .onErrorMap(InvalidIdException.class, e -> new AuthenticationFailedException("sub is not a user id"));
    }

    private Mono<VerifiedUser> verifyBot(String token) {
        if (bots == null) {
            return Mono.error(new AuthenticationFailedException("bot tokens are not accepted here"));
        }
        return bots.verify(token).map(verdict -> verdict
                .map(bot -> VerifiedUser.bot(Snowflake.parse(bot.userId()), Snowflake.parse(bot.applicationId()),
                        bot.flags()))
                .orElseThrow(() -> new AuthenticationFailedException("unknown bot token")));
    }
}
