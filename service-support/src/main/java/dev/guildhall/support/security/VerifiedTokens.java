package dev.guildhall.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Access tokens this process has already verified (signature, issuer, audience, expiry, {@code token_use}), so that
 * the next request with the same token skips the RSA verification and the JSON parsing (issue 12, ADR 236). Keyed by
 * the SHA-256 of the token, never by the token itself; only successful verifications are kept, so a forged or
 * expired token pays the full check every time. An entry lives at most {@code maxAge} and never past the token's
 * {@code exp}; bounded by {@code maxSize} entries. It caches the signature check only: wrap it inside
 * {@link TokenRevocations#checking}, which still asks Redis on every request, so a logout refuses the token at once.
 */
public final class VerifiedTokens {

    private final Cache<String, Jwt> cache;
    private final Clock clock;

    /**
     * @param maxSize the most tokens kept (about 1 KB each)
     * @param maxAge  the longest an entry is trusted without a new verification (also bounded by the token's exp)
     * @param clock   when a token expires, as the verifier's validators see it
     */
    public VerifiedTokens(long maxSize, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.<String, Jwt>creating((key, jwt) -> lifetime(jwt, maxAge)))
                .build();
    }

    private VerifiedTokens() {
        this.clock = Clock.systemUTC();
        this.cache = null;
    }

    /** Remembers nothing: {@link #caching} hands back the decoder itself. */
    public static VerifiedTokens none() {
        return new VerifiedTokens();
    }

    /** {@code decoder}, answering a token verified before from the cache. */
    public JwtDecoder caching(JwtDecoder decoder) {
        if (cache == null) {
            return decoder;
        }
        return value -> {
            String key = key(value);
            Jwt known = valid(cache.getIfPresent(key));
            if (known != null) {
                return known;
            }
            Jwt verified = decoder.decode(value);
            cache.put(key, verified);
            return verified;
        };
    }

    /** The reactive {@link #caching(JwtDecoder)}. */
    public ReactiveJwtDecoder caching(ReactiveJwtDecoder decoder) {
        if (cache == null) {
            return decoder;
        }
        return value -> {
            String key = key(value);
            Jwt known = valid(cache.getIfPresent(key));
            if (known != null) {
                return Mono.just(known);
            }
            return decoder.decode(value).doOnNext(verified -> cache.put(key, verified));
        };
    }

    /** How many tokens are kept now (tests, metrics). */
    public long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** An entry past its token's expiry by the clock is not trusted, whatever the cache's own timer says. */
    private Jwt valid(Jwt known) {
        if (known == null) {
            return null;
        }
        Instant expires = known.getExpiresAt();
        return expires != null && expires.isAfter(clock.instant()) ? known : null;
    }

    private Duration lifetime(Jwt jwt, Duration maxAge) {
        Instant expires = jwt.getExpiresAt();
        if (expires == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), expires);
        return left.isNegative() ? Duration.ZERO : left.compareTo(maxAge) < 0 ? left : maxAge;
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
