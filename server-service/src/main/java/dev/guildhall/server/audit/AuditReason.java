package dev.guildhall.server.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The optional reason clients give in {@code X-Audit-Log-Reason} (URL-encoded, as Discord's). */
public final class AuditReason {

    public static final String HEADER = "X-Audit-Log-Reason";
    public static final int MAX = 512;

    private AuditReason() {
    }

    /** Decoded, trimmed and capped; null when absent or blank. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String value;
        try {
            // percent-encoding as encodeURIComponent makes it: a literal "+" stays a plus
            value = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            value = raw;
        }
        return plain(value);
    }

    /** Trimmed and capped, not decoded (for a reason given in a JSON body); null when blank. */
    public static String plain(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        return value.length() > MAX ? value.substring(0, MAX) : value;
    }
}
