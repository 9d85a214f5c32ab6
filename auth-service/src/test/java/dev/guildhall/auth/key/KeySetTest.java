package dev.guildhall.auth.key;

import com.nimbusds.jose.jwk.JWK;
import dev.guildhall.auth.support.TestKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotation timeline: publish first, sign later, stay published until tokens expire. */
class KeySetTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofDays(30);
    private static final Duration PUBLISH_DELAY = Duration.ofMinutes(5);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(11);

    @Test
    void anEmptySetNeedsAKey() {
        assertThat(KeySet.EMPTY.rotationDue(T0, INTERVAL)).isTrue();
        assertThat(KeySet.EMPTY.signingKey(T0)).isEmpty();
    }

    @Test
    void rotationIsDueOnlyAfterTheInterval() {
        KeySet keys = new KeySet(List.of(TestKeys.signing(TestKeys.first(), T0, null, null)));
        assertThat(keys.rotationDue(T0.plus(INTERVAL).minusSeconds(1), INTERVAL)).isFalse();
        assertThat(keys.rotationDue(T0.plus(INTERVAL), INTERVAL)).isTrue();
    }

    @Test
    void aRotatedKeyIsPublishedBeforeItSignsAndTheOldOneLingersUntilItsTokensExpire() {
        SigningKey old = TestKeys.signing(TestKeys.first(), T0, null, null);
        Instant rotatedAt = T0.plus(INTERVAL);
        Instant activateAt = rotatedAt.plus(PUBLISH_DELAY);
        SigningKey next = new SigningKey(TestKeys.second().getKeyID(), TestKeys.second(), rotatedAt, activateAt, null, null);

        List<SigningKey> after = new ArrayList<>(new KeySet(List.of(old)).retiredBy(next, TOKEN_LIFETIME));
        after.add(next);
        KeySet keys = new KeySet(after);

        SigningKey retired = keys.byKid(old.kid()).orElseThrow();
        assertThat(retired.deactivateAt()).isEqualTo(activateAt);
        assertThat(retired.retireAt()).isEqualTo(activateAt.plus(TOKEN_LIFETIME));

        // during the publish delay: old key signs, both are published
        assertThat(keys.signingKey(rotatedAt.plusSeconds(1))).map(SigningKey::kid).hasValue(old.kid());
        assertThat(kids(keys, rotatedAt.plusSeconds(1))).containsExactlyInAnyOrder(old.kid(), next.kid());
        assertThat(keys.rotationDue(rotatedAt.plusSeconds(1), INTERVAL)).isFalse();

        // after activation: new key signs, old one still verifies tokens it signed
        assertThat(keys.signingKey(activateAt)).map(SigningKey::kid).hasValue(next.kid());
        assertThat(kids(keys, activateAt.plus(TOKEN_LIFETIME).minusSeconds(1)))
                .containsExactlyInAnyOrder(old.kid(), next.kid());

        // once every token of the old key has expired it leaves the JWKS
        assertThat(kids(keys, activateAt.plus(TOKEN_LIFETIME))).containsExactly(next.kid());
        assertThat(keys.rotationDue(activateAt.plus(INTERVAL), INTERVAL)).isTrue();
    }

    @Test
    void publicSetHasNoPrivateParts() {
        KeySet keys = new KeySet(List.of(TestKeys.signing(TestKeys.first(), T0, null, null)));
        assertThat(keys.publicJwks(T0).getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(keys.privateJwks(T0).getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isTrue());
    }

    private static List<String> kids(KeySet keys, Instant at) {
        return keys.publicJwks(at).getKeys().stream().map(JWK::getKeyID).toList();
    }
}
