package dev.guildhall.message.attachment;

import java.text.Normalizer;

/**
 * Filenames as they appear in object keys and links: ASCII letters, digits, {@code . _ -} only
 * (everything else becomes {@code _}), no leading dot, at most 100 characters, never empty.
 */
public final class FileNames {

    static final int MAX_LENGTH = 100;

    private FileNames() {
    }

    public static String sanitize(String name) {
        String base = name == null ? "" : name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        String ascii = Normalizer.normalize(base, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String safe = ascii.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("_{2,}", "_").replaceAll("^[._]+", "");
        if (safe.length() > MAX_LENGTH) {
            int dot = safe.lastIndexOf('.');
            String ext = dot > 0 && safe.length() - dot <= 16 ? safe.substring(dot) : "";
            safe = safe.substring(0, MAX_LENGTH - ext.length()) + ext;
        }
        return safe.isEmpty() ? "file" : safe;
    }
}
