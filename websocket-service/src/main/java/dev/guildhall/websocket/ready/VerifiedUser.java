package dev.guildhall.websocket.ready;

/**
 * The identity a verified token carries; {@code username} is informational only. For a bot ({@code bot}),
 * {@code applicationId} and the application's {@code flags} (its privileged-intent switches) come from
 * bot-service's verification; for a person both are 0. A person's access token also gives its id ({@code jti})
 * and {@code iat} (epoch seconds), so a session can be ended when that token is revoked (ADR 251); a bot has none.
 */
public record VerifiedUser(long userId, String username, boolean bot, long applicationId, long flags, String tokenId,
                           long issuedAt) {

    public static VerifiedUser person(long userId, String username) {
        return person(userId, username, null, 0);
    }

    public static VerifiedUser person(long userId, String username, String tokenId, long issuedAt) {
        return new VerifiedUser(userId, username, false, 0, 0, tokenId, issuedAt);
    }

    public static VerifiedUser bot(long userId, long applicationId, long flags) {
        return new VerifiedUser(userId, null, true, applicationId, flags, null, 0);
    }
}
