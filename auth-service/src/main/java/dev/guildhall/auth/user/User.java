package dev.guildhall.auth.user;

import java.time.Instant;
import java.util.Locale;

/**
 * An account as stored. Never leaves the service: controllers map it to response records. A bot user
 * ({@code bot}) has no email and no password hash: it authenticates only with its bot token (ADR 150).
 */
public record User(long userId, String username, String email, String passwordHash, String avatarUrl,
                   boolean mfaEnabled, boolean bot, Instant createdAt, Instant updatedAt) {

    /** Usernames: 2–32 of ASCII letters, digits, {@code _ . -} (ADR 010). */
    public static final String USERNAME_PATTERN = "^[A-Za-z0-9_.\\-]{2,32}$";
    public static final int EMAIL_MAX = 254;
    public static final int AVATAR_URL_MAX = 2048;

    /** The key uniqueness is enforced on: the lower-cased username. */
    public static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public static String emailKey(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
