package dev.guildhall.support.security;

/**
 * The authenticated user making a request: the verified token's {@code sub} (or the verified bot token's
 * bot user), nothing else.
 *
 * @param bot true when the caller authenticated with a bot token (ADR 152): the same permission rules apply
 */
public record Caller(long userId, boolean bot) {

    public Caller(long userId) {
        this(userId, false);
    }
}
