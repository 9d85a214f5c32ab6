package dev.guildhall.auth.mfa;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 seed. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private final Totp totp = new Totp();

    @Test
    void matchesRfc6238Vectors() {
        // appendix B gives 8 digits; 6-digit codes are their last six
        assertThat(totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
    }

    @Test
    void acceptsOneStepEitherSideAndNoFurther() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, step), now, null)).hasValue(step);
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, step - 1), now, null)).hasValue(step - 1);
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, step + 1), now, null)).hasValue(step + 1);
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, step - 2), now, null)).isEmpty();
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, step + 2), now, null)).isEmpty();
    }

    @Test
    void refusesACodeOfAStepAlreadyUsedOrEarlier() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        String code = totp.code(RFC_SEED, step);
        OptionalLong first = totp.verify(RFC_SEED, code, now, null);
        assertThat(first).hasValue(step);
        assertThat(totp.verify(RFC_SEED, code, now, first.getAsLong())).isEmpty();
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, step - 1), now, step)).isEmpty();
        assertThat(totp.verify(RFC_SEED, totp.code(RFC_SEED, step + 1), now, step)).hasValue(step + 1);
    }

    @Test
    void refusesMalformedCodes() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        assertThat(totp.verify(RFC_SEED, "12345", now, null)).isEmpty();
        assertThat(totp.verify(RFC_SEED, "1234567", now, null)).isEmpty();
        assertThat(totp.verify(RFC_SEED, "12a456", now, null)).isEmpty();
        assertThat(totp.verify(RFC_SEED, null, now, null)).isEmpty();
    }

    @Test
    void otpauthUrlCarriesTheBase32SecretAndParameters() {
        byte[] secret = Totp.newSecret(new SecureRandom());
        assertThat(secret).hasSize(20);
        String url = Totp.otpauthUrl("Guildhall", "alice smith", secret);
        assertThat(url).startsWith("otpauth://totp/Guildhall:alice%20smith?secret=" + Totp.base32(secret))
                .contains("issuer=Guildhall", "algorithm=SHA1", "digits=6", "period=30");
        assertThat(new Base32().decode(Totp.base32(secret))).isEqualTo(secret);
    }

    @Test
    void recoveryCodesAreDistinctAndNormalizeWhenTypedBack() {
        var codes = RecoveryCodes.generate(new SecureRandom(), 10);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}"));
        String code = codes.get(0);
        assertThat(RecoveryCodes.hash(" " + code.toUpperCase().replace("-", " ") + " "))
                .isEqualTo(RecoveryCodes.hash(code));
        assertThat(RecoveryCodes.looksLikeTotp(code)).isFalse();
        assertThat(RecoveryCodes.looksLikeTotp("123456")).isTrue();
    }
}
