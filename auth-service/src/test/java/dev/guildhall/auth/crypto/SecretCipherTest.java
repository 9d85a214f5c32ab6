package dev.guildhall.auth.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final byte[] secret = "seed of a totp".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealsAndOpensWithTheSameContext() {
        SecretCipher cipher = SecretCipher.fromBase64Key(KEY, new SecureRandom());
        String sealed = cipher.seal(secret, "totp:1");
        assertThat(sealed).startsWith("aesgcm1:").doesNotContain(Base64.getEncoder().encodeToString(secret));
        assertThat(cipher.open(sealed, "totp:1")).isEqualTo(secret);
        assertThat(cipher.seal(secret, "totp:1")).isNotEqualTo(sealed);
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() {
        SecretCipher cipher = SecretCipher.fromBase64Key(KEY, new SecureRandom());
        String sealed = cipher.seal(secret, "totp:1");
        assertThatThrownBy(() -> cipher.open(sealed, "totp:2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAKeyValuesAreMarkedPlainAndStillReadableOnceAKeyIsSet() {
        String plain = SecretCipher.fromBase64Key("", new SecureRandom()).seal(secret, "x");
        assertThat(plain).startsWith("plain:");
        assertThat(SecretCipher.fromBase64Key(KEY, new SecureRandom()).open(plain, "x")).isEqualTo(secret);
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16]),
                new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }
}
