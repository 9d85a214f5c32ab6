package dev.guildhall.bot.webhook;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhook tokens (ADR 156): 32 bytes from {@link SecureRandom} (256 bits), base64url, shown once and kept as
 * their SHA-256, like bot tokens (ADR 151). {@link #matches} compares in constant time and costs the same
 * whether or not there is a stored hash to compare with, so a wrong token and a missing webhook look alike.
 */
@Component
class WebhookTokens {

    /** What a missing webhook's "stored hash" is: no token hashes to it in practice. */
    private static final byte[] NOTHING = new byte[32];

    private final SecureRandom random;

    WebhookTokens(SecureRandom random) {
        this.random = random;
    }

    String generate() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param stored the webhook's hash, or null when there is no such webhook */
    static boolean matches(String token, byte[] stored) {
        byte[] presented = hash(token == null ? "" : token);
        boolean equal = MessageDigest.isEqual(presented, stored == null ? NOTHING : stored);
        return equal && stored != null;
    }
}
