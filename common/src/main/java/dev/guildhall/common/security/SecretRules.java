package dev.guildhall.common.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What a shared secret ({@code GUILDHALL_INTERNAL_TOKEN}, {@code GUILDHALL_VOICE_TOKEN_SECRET}) must
 * not be (ADR 142): blank, shorter than {@value #MIN_LENGTH} characters, a value this project has
 * published as a default or example, or a placeholder still saying {@code change-me}. A service
 * refuses to start with such a value unless {@value #ALLOW_INSECURE_PROPERTY} is {@code true},
 * which only test configuration sets.
 */
public final class SecretRules {

    /** Set to {@code true} by tests (and only tests) to start with a weak secret. */
    public static final String ALLOW_INSECURE_PROPERTY = "guildhall.security.allow-insecure-secrets";
    /** The launcher makes 43 characters (32 random bytes, base64url); {@code openssl rand -hex 32} 64. */
    public static final int MIN_LENGTH = 32;

    /** Values earlier versions, docs and examples published: anyone could forge with them. */
    private static final Set<String> PUBLISHED = Set.of("dev-internal-token", "dev-voice-token-secret",
            "guildhall-secret", "secret", "password", "changeme");

    private SecretRules() {
    }

    /** Why {@code value} is not a usable secret, or {@code null} if it is. */
    public static String weakness(String value) {
        if (value == null || value.isBlank()) {
            return "is blank";
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (PUBLISHED.contains(v)) {
            return "is a published default";
        }
        if (v.contains("change-me")) {
            return "is still the change-me placeholder";
        }
        if (value.length() < MIN_LENGTH) {
            return "is shorter than " + MIN_LENGTH + " characters";
        }
        return null;
    }

    /**
     * Checks each named property (absent ones are skipped: not every service holds every secret).
     *
     * @param lookup        the value of a property, {@code null} if it is not defined
     * @param allowInsecure the value of {@value #ALLOW_INSECURE_PROPERTY}
     * @throws IllegalStateException naming every weak secret and how to make a strong one
     */
    public static void require(Function<String, String> lookup, boolean allowInsecure, String... properties) {
        if (allowInsecure) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String property : properties) {
            String value = lookup.apply(property);
            if (value == null) {
                continue;
            }
            String weakness = weakness(value);
            if (weakness != null) {
                problems.add(property + " " + weakness);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start with a weak secret: " + String.join("; ", problems)
                    + ". Give a random value of at least " + MIN_LENGTH + " characters (e.g. `openssl rand -hex 32`) in "
                    + "GUILDHALL_INTERNAL_TOKEN / GUILDHALL_VOICE_TOKEN_SECRET; ./guildhall up generates them (ADR 142)");
        }
    }
}
