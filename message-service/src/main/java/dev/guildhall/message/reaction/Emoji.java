package dev.guildhall.message.reaction;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What may be used as a reaction: exactly one Unicode emoji (one extended grapheme cluster), possibly a sequence
 * (skin tones, ZWJ families, flags, keycaps, tags). Custom server emoji do not exist yet. The check follows the
 * grammar of UTS #51 emoji sequences (ADR 209): one element, or elements joined by U+200D, where an element is a
 * pictographic symbol with an optional variation selector, skin-tone modifier and tag sequence, a keycap
 * ({@code 0-9 # *}, optional U+FE0F, U+20E3) or a pair of regional indicators. So two emoji side by side
 * ({@code 👍👍}, two flags), words, punctuation and control characters are refused. (Java 17's
 * {@code BreakIterator} predates extended grapheme clusters and ICU4J is not among the project's dependencies.)
 */
public final class Emoji {

    /** Bytes of UTF-8 the reactions table stores. */
    public static final int MAX_BYTES = 64;
    private static final int MAX_CODE_POINTS = 16;
    private static final int ZWJ = 0x200D;
    private static final int KEYCAP = 0x20E3;

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
        int i = element(cps, 0);
        while (i > 0 && i < cps.length && cps[i] == ZWJ) {
            i = element(cps, i + 1);
        }
        return i == cps.length;
    }

    /** @return the index after the element starting at {@code i}, or -1 when none starts there */
    private static int element(int[] cps, int i) {
        if (i >= cps.length) {
            return -1;
        }
        int cp = cps[i];
        if (isRegionalIndicator(cp)) {
            // a flag is exactly two regional indicators
            return i + 1 < cps.length && isRegionalIndicator(cps[i + 1]) ? i + 2 : -1;
        }
        if (isKeycapBase(cp)) {
            // "1️⃣": base, optional VS16, then the combining keycap
            int next = i + 1 < cps.length && cps[i + 1] == 0xFE0F ? i + 2 : i + 1;
            return next < cps.length && cps[next] == KEYCAP ? next + 1 : -1;
        }
        if (!isSymbol(cp)) {
            return -1;
        }
        i++;
        if (i < cps.length && (cps[i] == 0xFE0F || cps[i] == 0xFE0E)) {
            i++;
        }
        if (i < cps.length && isSkinTone(cps[i])) {
            i++;
        }
        if (i < cps.length && isTag(cps[i])) {
            // subdivision flags: tag characters closed by CANCEL TAG
            while (i < cps.length && isTag(cps[i]) && cps[i] != 0xE007F) {
                i++;
            }
            if (i >= cps.length || cps[i] != 0xE007F) {
                return -1;
            }
            i++;
        }
        return i;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    private static boolean isKeycapBase(int cp) {
        return (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
    }

    private static boolean isSkinTone(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= 0xE007F;
    }

    private static boolean isSymbol(int cp) {
        if (isSkinTone(cp)) {
            return false;
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
}
