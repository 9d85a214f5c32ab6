package dev.guildhall.message.reaction;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What may be used as a reaction: one Unicode emoji, possibly a sequence (skin tones, ZWJ
 * families, flags, keycaps, tags). Custom server emoji do not exist yet. The check is structural
 * and deliberately strict: every code point must be a symbol, a regional indicator, an emoji
 * modifier or one of the joiners and selectors sequences are built from; a keycap base
 * ({@code 0-9 # *}) is allowed only before {@code U+20E3}. Words, punctuation and control
 * characters are refused.
 */
public final class Emoji {

    /** Bytes of UTF-8 the reactions table stores. */
    public static final int MAX_BYTES = 64;
    private static final int MAX_CODE_POINTS = 16;

    private Emoji() {
    }

    /** @return the emoji, unchanged, when valid */
    public static String require(String value) {
        if (!isValid(value)) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Unknown emoji",
                    Map.of("errors", Map.of("emoji", "must be a single Unicode emoji")));
        }
        return value;
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        int[] cps = value.codePoints().toArray();
        if (cps.length > MAX_CODE_POINTS) {
            return false;
        }
        boolean pictographic = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (isKeycapBase(cp)) {
                // "1️⃣": base, optional VS16, then the combining keycap
                int next = i + 1 < cps.length && cps[i + 1] == 0xFE0F ? i + 2 : i + 1;
                if (next >= cps.length || cps[next] != 0x20E3) {
                    return false;
                }
                pictographic = true;
            } else if (isSymbol(cp)) {
                pictographic = true;
            } else if (!isSequencePart(cp)) {
                return false;
            }
        }
        return pictographic;
    }

    private static boolean isKeycapBase(int cp) {
        return (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
    }

    private static boolean isSymbol(int cp) {
        if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
            return true; // regional indicators (flags)
        }
        int type = Character.getType(cp);
        if (type == Character.OTHER_SYMBOL) {
            return true;
        }
        // a few emoji are classed as other punctuation or math symbols: ‼ ⁉ ™ ℹ ↔ 〰 〽 © ®
        return cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
                || (cp >= 0x2194 && cp <= 0x2199) || cp == 0x21A9 || cp == 0x21AA
                || cp == 0x3030 || cp == 0x303D || cp == 0x00A9 || cp == 0x00AE;
    }

    private static boolean isSequencePart(int cp) {
        return cp == 0x200D                        // zero-width joiner
                || cp == 0xFE0F || cp == 0xFE0E    // variation selectors
                || cp == 0x20E3                    // combining keycap
                || (cp >= 0x1F3FB && cp <= 0x1F3FF) // skin-tone modifiers
                || (cp >= 0xE0020 && cp <= 0xE007F); // tags (subdivision flags)
    }
}
