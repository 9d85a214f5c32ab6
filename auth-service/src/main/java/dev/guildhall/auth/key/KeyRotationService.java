package dev.guildhall.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.guildhall.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Creates the first signing key, rotates keys on schedule (or on demand) and forgets retired
 * ones (ADR 013). Creation runs under a row lock, so instances starting or rotating together
 * make one key, not one each.
 */
@Service
public class KeyRotationService implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationService.class);

    private final SigningKeyRepository repository;
    private final KeyRing ring;
    private final TransactionTemplate tx;
    private final AuthProperties.SigningKeys properties;
    /** How long a key stays published after it stops signing. */
    private final Duration tokenLifetime;
    private final Clock clock;

    KeyRotationService(SigningKeyRepository repository, KeyRing ring, TransactionTemplate tx, AuthProperties properties,
                       Clock clock) {
        this.repository = repository;
        this.ring = ring;
        // READ COMMITTED: the key list read after taking the lock must include what the previous
        // lock holder committed, whatever snapshot an earlier read in the transaction took
        this.tx = new TransactionTemplate(tx.getTransactionManager());
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.properties = properties.signingKeys();
        this.tokenLifetime = properties.tokens().accessTokenTtl().plus(properties.tokens().clockSkew());
        this.clock = clock;
    }

    /** Before any request: make sure a key signs. */
    @Override
    public void afterPropertiesSet() {
        ring.reload();
        Instant now = clock.instant();
        if (ring.current().rotationDue(now, properties.rotationInterval())) {
            rotate(now, false);
        }
    }

    @Scheduled(fixedDelayString = "${guildhall.auth.signing-keys.refresh-interval}",
            initialDelayString = "${guildhall.auth.signing-keys.refresh-interval}")
    public void tick() {
        try {
            Instant now = clock.instant();
            ring.reload();
            if (ring.current().rotationDue(now, properties.rotationInterval())) {
                rotate(now, false);
            }
            int purged = repository.deleteRetiredBefore(now.minus(properties.retention()));
            if (purged > 0) {
                log.info("deleted {} retired signing key(s)", purged);
                ring.reload();
            }
        } catch (RuntimeException e) {
            log.warn("signing key refresh failed, keeping the keys in memory: {}", e.toString());
        }
    }

    /**
     * Starts a rotation now, whatever the schedule says: the new key is published at once and
     * signs after the publish delay. If a key is already waiting to sign, that one is returned.
     */
    public SigningKey rotateNow() {
        return rotate(clock.instant(), true);
    }

    SigningKey rotate(Instant requestedAt, boolean force) {
        SigningKey result = tx.execute(status -> {
            repository.lock();
            // judge at the time the lock was obtained: while this instance waited, another may have
            // made a key that activates after 'requestedAt' but before now, and that one suffices
            Instant clockNow = clock.instant();
            Instant now = requestedAt.isAfter(clockNow) ? requestedAt : clockNow;
            KeySet keys = new KeySet(repository.findAll());
            if (force) {
                var pending = keys.newest().filter(k -> k.activateAt().isAfter(now));
                if (pending.isPresent()) {
                    return pending.get();
                }
            } else if (!keys.rotationDue(now, properties.rotationInterval())) {
                return keys.newest().orElseThrow();
            }
            // nothing signs yet (first start): no verifier can hold tokens, so no need to wait
            Instant activateAt = keys.signingKey(now).isEmpty() ? now : now.plus(properties.publishDelay());
            SigningKey next = generate(now, activateAt);
            repository.insert(next);
            keys.retiredBy(next, tokenLifetime).forEach(repository::deactivate);
            log.info("created signing key {} (signs from {})", next.kid(), activateAt);
            return next;
        });
        ring.reload();
        return result;
    }

    private SigningKey generate(Instant now, Instant activateAt) {
        try {
            RSAKey jwk = new RSAKeyGenerator(properties.keySize())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            return new SigningKey(jwk.getKeyID(), jwk, now, activateAt, null, null);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
