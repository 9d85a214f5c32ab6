package dev.guildhall.bot.interaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Interaction tokens: {@value #PREFIX} (base64 of {@code "interaction:"}, the shape Discord's tokens have) and
 * 32 random bytes in base64url. The prefix also tells the follow-up routes ({@code /webhooks/{application_id}/
 * {token}}) from a webhook's own. Only the SHA-256 is stored: a 256-bit random secret needs no slow hash (as ADR
 * 151 for bot tokens).
 */
public final class InteractionTokens {

    public static final String PREFIX = "aW50ZXJhY3Rpb246";
    /** A path variable pattern that matches only interaction tokens. */
    public static final String PATTERN = PREFIX + "[A-Za-z0-9_-]+";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private InteractionTokens() {
    }

    public static String generate(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return PREFIX + B64.encodeToString(secret);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
