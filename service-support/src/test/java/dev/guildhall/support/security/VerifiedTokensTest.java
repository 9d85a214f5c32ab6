package dev.guildhall.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache of verified access tokens (ADR 236), with a counting stand-in for the real verifier: what a user would
 * notice is that a token is verified again once it expired, that a refused token stays refused, and that one
 * token's verification never answers for another.
 */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-06T16:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgainWhileItIsValid() {
        JwtDecoder decoder = tokens().caching(verifier(NOW.plusSeconds(600)));

        Jwt first = decoder.decode("token-a");
        Jwt second = decoder.decode("token-a");

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenPastItsExpiryIsVerifiedAgain() {
        JwtDecoder decoder = tokens().caching(verifier(NOW.plusSeconds(10)));
        decoder.decode("token-a");

        clock.now = NOW.plusSeconds(11);
        decoder.decode("token-a");

        assertThat(verifications).as("verified again after exp").hasValue(2);
    }

    @Test
    void aRefusedTokenIsNotRememberedAndOneTokenNeverAnswersForAnother() {
        JwtDecoder decoder = tokens().caching((JwtDecoder) value -> {
            verifications.incrementAndGet();
            if (value.equals("forged")) {
                throw new BadJwtException("bad signature");
            }
            return jwt(value, NOW.plusSeconds(600));
        });

        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(decoder.decode("token-b").getTokenValue()).isEqualTo("token-b");
        assertThat(verifications).hasValue(3);
    }

    @Test
    void theReactiveDecoderRemembersOnlySuccesses() {
        VerifiedTokens tokens = tokens();
        ReactiveJwtDecoder decoder = tokens.caching((ReactiveJwtDecoder) value -> {
            verifications.incrementAndGet();
            return value.equals("forged") ? Mono.error(new BadJwtException("bad signature"))
                    : Mono.just(jwt(value, NOW.plusSeconds(600)));
        });

        assertThat(decoder.decode("token-a").block()).isNotNull();
        assertThat(decoder.decode("token-a").block()).isNotNull();
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void aDisabledCacheVerifiesEveryTime() {
        JwtDecoder decoder = VerifiedTokens.none().caching(verifier(NOW.plusSeconds(600)));
        decoder.decode("token-a");
        decoder.decode("token-a");

        assertThat(verifications).hasValue(2);
    }

    private VerifiedTokens tokens() {
        return new VerifiedTokens(100, Duration.ofMinutes(5), clock);
    }

    private JwtDecoder verifier(Instant expires) {
        return value -> {
            verifications.incrementAndGet();
            return jwt(value, expires);
        };
    }

    private static Jwt jwt(String value, Instant expires) {
        return Jwt.withTokenValue(value).header("alg", "RS256").subject("42").jti(value)
                .issuedAt(NOW).expiresAt(expires).build();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
