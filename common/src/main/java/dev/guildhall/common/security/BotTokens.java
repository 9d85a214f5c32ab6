package dev.guildhall.common.security;

import dev.guildhall.common.id.Snowflake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Bot tokens (ADR 151): {@code base64url(bot user id) "." base64url(random secret)}, sent as
 * {@code Authorization: Bot <token>}. Only bot-service issues and checks them; the gateway and every
 * owning service ask bot-service through {@value #VERIFY_PATH}.
 */
public final class BotTokens {

    /** Scheme prefix of the Authorization header, matched case-insensitively. */
    public static final String SCHEME = "Bot ";
    /** bot-service's internal verification endpoint: {@code {"token": …}} → {@link Verified} or 404. */
    public static final String VERIFY_PATH = "/internal/bot-tokens/verify";
    /** Longest token anyone sends us; longer ones are refused without a lookup. */
    public static final int MAX_LENGTH = 200;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private BotTokens() {
    }

    /** What a verified bot token stands for: ids as decimal strings, flags as the application's bits. */
    public record Verified(String userId, String applicationId, long flags) {
    }

    /** The token of an {@code Authorization} header value, or {@code null} when it is not the Bot scheme. */
    public static String fromHeader(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }

    public static String format(long botUserId, byte[] secret) {
        return B64.encodeToString(Snowflake.format(botUserId).getBytes(StandardCharsets.US_ASCII)) + "."
                + B64.encodeToString(secret);
    }

    /** The bot user id a token claims (not yet verified), or empty when the token is malformed. */
    public static OptionalLong claimedUserId(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return OptionalLong.empty();
        }
        try {
            String id = new String(B64_DECODER.decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
            return OptionalLong.of(Snowflake.parse(id));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** SHA-256 of the whole token: what is stored and looked up (a random secret needs no slow hash, ADR 151). */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
