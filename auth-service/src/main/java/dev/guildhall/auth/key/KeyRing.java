package dev.guildhall.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * This instance's in-memory copy of the signing keys, re-read from the database by
 * {@link KeyRotationService} on a schedule. The encoder signs from it and the local decoder
 * verifies against it: auth-service never fetches its own JWKS over HTTP.
 */
@Component
public class KeyRing {

    /** A token naming a kid we do not know re-reads the table at most this often. */
    private static final Duration MISS_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private final Supplier<List<SigningKey>> loader;
    private final Clock clock;
    private final AtomicLong lastMissReload = new AtomicLong(Long.MIN_VALUE);
    private volatile KeySet current = KeySet.EMPTY;

    @Autowired
    KeyRing(SigningKeyRepository repository, Clock clock) {
        this(repository::findAll, clock);
    }

    private KeyRing(Supplier<List<SigningKey>> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    /** A ring over a fixed set of keys, loaded at once (tests, tools). */
    public static KeyRing of(List<SigningKey> keys, Clock clock) {
        KeyRing ring = new KeyRing(() -> keys, clock);
        ring.reload();
        return ring;
    }

    public void reload() {
        current = new KeySet(loader.get());
    }

    public KeySet current() {
        return current;
    }

    public SigningKey signingKey(Instant now) {
        return current.signingKey(now).orElseThrow(() -> new IllegalStateException("no signing key is active"));
    }

    public JWKSet publicJwks() {
        return current.publicJwks(clock.instant());
    }

    /** For the encoder: private keys, selected by the {@code kid} the issuer puts in the header. */
    public JWKSource<SecurityContext> signingSource() {
        return (selector, context) -> selector.select(current.privateJwks(clock.instant()));
    }

    /** For the decoder: published public keys; an unknown kid triggers one throttled reload. */
    public JWKSource<SecurityContext> verificationSource() {
        return (selector, context) -> {
            List<JWK> found = selector.select(current.publicJwks(clock.instant()));
            if (found.isEmpty() && reloadAfterMiss()) {
                found = selector.select(current.publicJwks(clock.instant()));
            }
            return found;
        };
    }

    private boolean reloadAfterMiss() {
        long now = System.nanoTime();
        long last = lastMissReload.get();
        if (last != Long.MIN_VALUE && now - last < MISS_RELOAD_INTERVAL.toNanos()) {
            return false;
        }
        if (!lastMissReload.compareAndSet(last, now)) {
            return false;
        }
        reload();
        return true;
    }
}
