package dev.guildhall.auth.token;

import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.auth.crypto.Tokens;
import dev.guildhall.auth.metrics.AuthMetrics;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.SnowflakeGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Rotating refresh tokens (ADR 014): 256 random bits handed out once, stored as SHA-256; each
 * use revokes the token and issues its successor in the same family; presenting a token that was
 * already rotated away revokes the whole family, since either the client or a thief holds a copy.
 */
@Service
public class RefreshTokenService {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenService.class);

    private final RefreshTokenRepository repository;
    private final SnowflakeGenerator ids;
    private final SecureRandom random;
    private final TransactionTemplate tx;
    private final AuthMetrics metrics;
    private final Duration ttl;
    private final Clock clock;

    public RefreshTokenService(RefreshTokenRepository repository, SnowflakeGenerator ids, SecureRandom random,
                               TransactionTemplate tx, AuthMetrics metrics, AuthProperties properties, Clock clock) {
        this.repository = repository;
        this.ids = ids;
        this.random = random;
        this.tx = tx;
        this.metrics = metrics;
        this.ttl = properties.tokens().refreshTokenTtl();
        this.clock = clock;
    }

    /** Starts a new session (family) for the user. */
    public Issued issue(long userId) {
        long id = ids.next();
        return store(id, userId, id, clock.instant());
    }

    /**
     * Exchanges a refresh token for its successor.
     *
     * @throws GuildhallException {@code INVALID_TOKEN} for unknown, expired, revoked or replayed tokens
     */
    public Issued rotate(String presented) {
        RefreshToken token = repository.findByHash(Tokens.sha256(presented)).orElseThrow(RefreshTokenService::invalid);
        Instant now = clock.instant();
        switch (RefreshTokenPolicy.judge(token, now)) {
            case REUSED -> throw reuse(token, now);
            case REVOKED, EXPIRED -> {
                metrics.refreshRejected();
                throw invalid();
            }
            case ROTATE -> {
                // fall through to the rotation below
            }
        }
        long successorId = ids.next();
        Issued successor = tx.execute(status -> {
            if (!repository.revoke(token.tokenId(), now, RefreshTokenPolicy.ROTATED, successorId)) {
                return null; // a concurrent call rotated it first: this is a second use
            }
            return store(successorId, token.userId(), token.familyId(), now);
        });
        if (successor == null) {
            throw reuse(token, now);
        }
        metrics.refreshRotated();
        return successor;
    }

    /**
     * Ends the session the token belongs to (logout). Unknown tokens, or tokens of another user
     * than {@code onlyForUser} (when given), are ignored: logout answers the same either way.
     */
    public void revokeSession(String presented, Long onlyForUser) {
        repository.findByHash(Tokens.sha256(presented))
                .filter(t -> onlyForUser == null || t.userId() == onlyForUser)
                .ifPresent(t -> repository.revokeFamily(t.familyId(), clock.instant(), RefreshTokenPolicy.LOGOUT));
    }

    /** Ends every session of the user (logout everywhere, password change). */
    public int revokeAllForUser(long userId, String reason) {
        return repository.revokeAllForUser(userId, clock.instant(), reason);
    }

    /** Revoked tokens are kept until they expire (reuse detection needs them), then deleted. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void purgeExpired() {
        Instant before = clock.instant().minus(Duration.ofDays(1));
        int deleted;
        do {
            deleted = repository.deleteExpiredBefore(before, 1000);
        } while (deleted == 1000);
    }

    private Issued store(long tokenId, long userId, long familyId, Instant now) {
        String value = Tokens.random(random);
        RefreshToken token = new RefreshToken(tokenId, userId, familyId, now, now.plus(ttl), null, null);
        repository.insert(token, Tokens.sha256(value));
        return new Issued(value, token);
    }

    private GuildhallException reuse(RefreshToken token, Instant now) {
        int revoked = repository.revokeFamily(token.familyId(), now, RefreshTokenPolicy.REUSE_DETECTED);
        metrics.refreshReuseDetected();
        log.warn("refresh token reuse for user {} (family {}): revoked {} token(s)", token.userId(), token.familyId(),
                revoked);
        return new GuildhallException(ErrorCode.INVALID_TOKEN, "Refresh token already used; the session was revoked");
    }

    private static GuildhallException invalid() {
        return new GuildhallException(ErrorCode.INVALID_TOKEN, "Invalid or expired refresh token");
    }

    /** A refresh token as handed to the client ({@code value}) and as stored. */
    public record Issued(String value, RefreshToken token) {
    }
}
