package dev.guildhall.auth.mfa;

import dev.guildhall.auth.crypto.Tokens;
import org.apache.commons.codec.binary.Base32;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-use recovery codes: 80 random bits each, shown as {@code xxxx-xxxx-xxxx-xxxx} (Base32,
 * lower case), stored as SHA-256 of the normalized form. At 80 bits a leaked hash cannot be
 * brute-forced, so a fast hash is enough (ADR 015).
 */
public final class RecoveryCodes {

    private static final int BYTES = 10;

    private RecoveryCodes() {
    }

    public static List<String> generate(SecureRandom random, int count) {
        List<String> codes = new ArrayList<>(count);
        Base32 base32 = new Base32();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[BYTES];
            random.nextBytes(bytes);
            String raw = base32.encodeToString(bytes).toLowerCase(Locale.ROOT);
            codes.add(raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-" + raw.substring(12, 16));
        }
        return codes;
    }

    /** Case, dashes and spaces do not matter when a code is typed back. */
    public static String normalize(String code) {
        return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    public static byte[] hash(String code) {
        return Tokens.sha256(normalize(code));
    }

    public static boolean looksLikeTotp(String code) {
        return code.strip().matches("\\d{" + Totp.DIGITS + "}");
    }
}
