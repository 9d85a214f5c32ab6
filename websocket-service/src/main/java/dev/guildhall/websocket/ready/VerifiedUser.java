package dev.guildhall.websocket.ready;

/**
 * The identity a verified token carries; {@code username} is informational only. For a bot ({@code bot}),
 * {@code applicationId} and the application's {@code flags} (its privileged-intent switches) come from
 * bot-service's verification; for a person both are 0.
 */
public record VerifiedUser(long userId, String username, boolean bot, long applicationId, long flags) {

    public static VerifiedUser person(long userId, String username) {
        return new VerifiedUser(userId, username, false, 0, 0);
    }

    public static VerifiedUser bot(long userId, long applicationId, long flags) {
        return new VerifiedUser(userId, null, true, applicationId, flags);
    }
}
