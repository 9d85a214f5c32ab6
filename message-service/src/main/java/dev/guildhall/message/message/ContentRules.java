package dev.guildhall.message.message;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.util.Map;

/**
 * The content invariant, enforced on every write path (send and edit): after normalising line
 * ends ({@code \r\n} becomes {@code \n}) and trimming, 1 to {@code max} characters (Unicode code
 * points, so an emoji counts once), no control characters other than newline and tab, and no
 * unpaired surrogates. A violation is {@code VALIDATION_FAILED} with {@code errors.content}.
 */
public final class ContentRules {

    private ContentRules() {
    }

    /** @return the content as it is stored */
    public static String normalize(String raw, int max) {
        if (raw == null) {
            throw violation("must not be null");
        }
        String content = raw.replace("\r\n", "\n").strip();
        if (content.isEmpty()) {
            throw violation("must not be empty");
        }
        int length = content.codePointCount(0, content.length());
        if (length > max) {
            throw violation("must be at most " + max + " characters (was " + length + ")");
        }
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            if (cp != '\n' && cp != '\t' && Character.getType(cp) == Character.CONTROL) {
                throw violation(String.format("must not contain control character U+%04X", cp));
            }
            if (Character.getType(cp) == Character.SURROGATE) {
                throw violation("must be valid Unicode text");
            }
            i += Character.charCount(cp);
        }
        return content;
    }

    private static GuildhallException violation(String message) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid content: " + message,
                Map.of("errors", Map.of("content", message)));
    }
}
