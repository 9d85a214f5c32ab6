package dev.guildhall.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of the signing keys and the rules of their life (ADR 013): which key
 * signs at a given instant, which are published, and when a rotation is due. Pure, so the
 * rotation timeline can be tested without a database or a clock.
 */
public record KeySet(List<SigningKey> keys) {

    public static final KeySet EMPTY = new KeySet(List.of());

    public KeySet {
        keys = keys.stream().sorted(Comparator.comparing(SigningKey::activateAt).thenComparing(SigningKey::kid)).toList();
    }

    /** The key that signs at {@code now}: the latest activated one that is not deactivated. */
    public Optional<SigningKey> signingKey(Instant now) {
        SigningKey found = null;
        for (SigningKey key : keys) {
            if (key.signsAt(now)) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every published key's public half, pending ones included so verifiers know them first. */
    public JWKSet publicJwks(Instant now) {
        return new JWKSet(keys.stream().filter(k -> k.publishedAt(now)).map(k -> (JWK) k.jwk().toPublicJWK()).toList());
    }

    /** Published keys with their private parts: what the encoder may select from by {@code kid}. */
    public JWKSet privateJwks(Instant now) {
        return new JWKSet(keys.stream().filter(k -> k.publishedAt(now)).map(k -> (JWK) k.jwk()).toList());
    }

    /** The newest key, whether it signs yet or not. */
    public Optional<SigningKey> newest() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1));
    }

    /** A rotation is due when nothing signs now, or the newest key has signed for {@code interval}. */
    public boolean rotationDue(Instant now, Duration interval) {
        Optional<SigningKey> newest = newest();
        if (newest.isEmpty() || signingKey(now).isEmpty()) {
            return true;
        }
        return !now.isBefore(newest.get().activateAt().plus(interval));
    }

    /**
     * What rotating to {@code next} does to the keys still open for signing: they sign until the
     * new key activates, then stay published until every token they signed has expired.
     *
     * @param tokenLifetime access token lifetime plus the verifiers' clock skew
     */
    public List<SigningKey> retiredBy(SigningKey next, Duration tokenLifetime) {
        return keys.stream()
                .filter(k -> !k.kid().equals(next.kid()) && k.deactivateAt() == null)
                .map(k -> {
                    Instant stop = next.activateAt().isBefore(k.activateAt()) ? k.activateAt() : next.activateAt();
                    return k.deactivated(stop, stop.plus(tokenLifetime));
                })
                .toList();
    }

    public Optional<SigningKey> byKid(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }
}
