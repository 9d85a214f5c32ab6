package dev.guildhall.support.security;

import dev.guildhall.support.redis.SharedRedis;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Access tokens revoked before their expiry (issue 14, finding 10; ADR 208), kept in the shared Redis: one key per
 * revoked token id ({@code jti}, until the token's {@code exp}) and one per user whose every earlier token is
 * revoked ("log out everywhere", a password change: tokens issued before that second, for one access-token
 * lifetime). auth-service writes them; every verifier (the gateway, each service's resource server, auth-service
 * itself) refuses such a token as invalid. When Redis cannot answer, a token is believed (fail open, ADR 208):
 * revocation shortens a signed token's life, it does not replace the signature check.
 */
public class TokenRevocations {

    static final String JTI_PREFIX = "guildhall:revoked:jti:";
    static final String USER_PREFIX = "guildhall:revoked:user:";
    /** Pub/sub channel announcing each revocation, so live WebSocket sessions of the token end at once (ADR 251). */
    static final String CHANNEL = "guildhall:revoked";
    private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final SharedRedis redis;
    private final Clock clock;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public TokenRevocations(SharedRedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Revokes one access token until it expires.
     *
     * @return whether Redis took it (false: Redis is down, the token lives on until its expiry)
     */
    public boolean revoke(Jwt token) {
        Instant expires = token.getExpiresAt();
        Instant now = clock.instant();
        if (token.getId() == null || expires == null || !expires.isAfter(now)) {
            return true;
        }
        boolean written = write(JTI_PREFIX + token.getId(), "1", Duration.between(now, expires).plusSeconds(1));
        announce(new Revoked(token.getSubject(), token.getId(), null));
        return written;
    }

    /**
     * Revokes every access token of {@code userId} issued before now (tokens issued in this very second survive:
     * {@code iat} has whole seconds).
     *
     * @param lifetime the longest life of an access token: after it, the mark has nothing left to refuse
     * @return whether Redis took it
     */
    public boolean revokeAllOf(long userId, Duration lifetime) {
        Instant now = clock.instant();
        boolean written = write(USER_PREFIX + userId, Long.toString(now.getEpochSecond()), lifetime.plusSeconds(1));
        announce(new Revoked(Long.toString(userId), null, now.getEpochSecond()));
        return written;
    }

    /**
     * Announces that the bot user {@code botUserId}'s token was reset (bot-service, ADR 151): its gateway sessions
     * end (ADR 251). Its old token is refused by bot-service's hash lookup already; nothing is written.
     */
    public void botTokenReset(long botUserId) {
        announce(new Revoked(Long.toString(botUserId), null, null));
    }

    /**
     * One revocation as announced: of the access token {@code tokenId}, of every access token of {@code subject}
     * issued before the epoch second {@code issuedBefore}, or (both null) of the bot token of the bot {@code subject}.
     */
    public record Revoked(String subject, String tokenId, Long issuedBefore) {

        /** Whether this is a bot token's reset rather than an access token's revocation. */
        public boolean botToken() {
            return tokenId == null && issuedBefore == null;
        }

        /** Whether an access token of this subject with this id and {@code iat} (epoch seconds) is revoked by this. */
        public boolean revokes(String tokenSubject, String id, long issuedAt) {
            if (!subject.equals(tokenSubject) || botToken()) {
                return false;
            }
            return tokenId != null ? tokenId.equals(id) : issuedAt < issuedBefore;
        }

        String message() {
            return tokenId != null ? "jti " + subject + " " + tokenId
                    : issuedBefore != null ? "user " + subject + " " + issuedBefore : "bot " + subject + " -";
        }

        static Revoked parse(String message) {
            String[] parts = message.split(" ");
            if (parts.length != 3) {
                return null;
            }
            try {
                return switch (parts[0]) {
                    case "jti" -> new Revoked(parts[1], parts[2], null);
                    case "user" -> new Revoked(parts[1], null, Long.parseLong(parts[2]));
                    case "bot" -> new Revoked(parts[1], null, null);
                    default -> null;
                };
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * Calls {@code handler} (on a Redis thread) for every revocation announced from now on, by any node. Pub/sub is
     * fire-and-forget: one announced while this node was cut from Redis is missed, and the session it should have
     * ended lives on until its connection ends, as before ADR 251.
     */
    public void onRevoked(Consumer<Revoked> handler) {
        redis.subscribe(CHANNEL, (channel, message) -> {
            Revoked revoked = Revoked.parse(message);
            if (revoked != null) {
                handler.accept(revoked);
            }
        });
    }

    private void announce(Revoked revoked) {
        try {
            redis.publish(CHANNEL, revoked.message());
        } catch (RuntimeException e) {
            log.warn("Redis unavailable: live sessions are not told of a revocation: {}", e.toString());
        }
    }

    /** Whether a verified token was revoked; blocking (request threads), false when Redis cannot answer. */
    public boolean isRevoked(Jwt token) {
        try {
            return redis.tryConnection()
                    .map(connection -> revokedBy(token, connection.sync().mget(keys(token))))
                    .orElseGet(() -> unavailable(null));
        } catch (RuntimeException e) {
            return unavailable(e);
        }
    }

    /** {@link #isRevoked} for event loops: never connects on the caller's thread. */
    public Mono<Boolean> isRevokedReactive(Jwt token) {
        return redis.ifConnected()
                .map(connection -> connection.reactive().mget(keys(token)).collectList()
                        .map(values -> revokedBy(token, values))
                        .onErrorResume(RuntimeException.class, e -> Mono.just(unavailable(e))))
                .orElseGet(() -> Mono.fromSupplier(() -> unavailable(null)));
    }

    /** {@code decoder}, refusing revoked tokens as {@link BadJwtException} (401 {@code INVALID_TOKEN}). */
    public JwtDecoder checking(JwtDecoder decoder) {
        return value -> {
            Jwt token = decoder.decode(value);
            if (isRevoked(token)) {
                throw new BadJwtException("The token has been revoked");
            }
            return token;
        };
    }

    /** The reactive {@link #checking(JwtDecoder)}. */
    public ReactiveJwtDecoder checking(ReactiveJwtDecoder decoder) {
        return value -> decoder.decode(value).flatMap(token -> isRevokedReactive(token)
                .flatMap(revoked -> revoked
                        ? Mono.<Jwt>error(new BadJwtException("The token has been revoked"))
                        : Mono.just(token)));
    }

    private static String[] keys(Jwt token) {
        return new String[]{JTI_PREFIX + (token.getId() == null ? "" : token.getId()), USER_PREFIX + token.getSubject()};
    }

    /**
     * The Redis keys whose values decide whether {@code token} is revoked, for a caller that reads them together with
     * other work in one round trip (the gateway's rate-limit script, ADR 268); decide with {@link #revoked(Jwt, List)}.
     */
    public static List<String> keysOf(Jwt token) {
        return List.of(keys(token));
    }

    /**
     * Whether {@code token} is revoked, given the values (in order, {@code null} when absent) of its
     * {@link #keysOf keys}.
     */
    public static boolean revoked(Jwt token, List<String> values) {
        if (token.getId() != null && values.get(0) != null) {
            return true;
        }
        String cutoff = values.get(1);
        if (cutoff == null || token.getIssuedAt() == null) {
            return false;
        }
        try {
            return token.getIssuedAt().getEpochSecond() < Long.parseLong(cutoff);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean revokedBy(Jwt token, List<KeyValue<String, String>> values) {
        return revoked(token, values.stream().map(value -> value.hasValue() ? value.getValue() : null).toList());
    }

    /** Relative expiry: the clock may be a test's, Redis keeps real time. */
    private boolean write(String key, String value, Duration keep) {
        try {
            return redis.tryConnection()
                    .map(connection -> {
                        connection.sync().set(key, value, SetArgs.Builder.px(keep.toMillis()));
                        return true;
                    })
                    .orElseGet(() -> {
                        log.warn("Redis unavailable: access tokens are not revoked ({}); they expire on their own", key);
                        return false;
                    });
        } catch (RuntimeException e) {
            log.warn("Redis unavailable: access tokens are not revoked ({}); they expire on their own: {}", key, e.toString());
            return false;
        }
    }

    private boolean unavailable(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Redis unavailable: access tokens are accepted without the revocation check (ADR 208){}",
                    e == null ? "" : ": " + e);
        }
        return false;
    }
}
