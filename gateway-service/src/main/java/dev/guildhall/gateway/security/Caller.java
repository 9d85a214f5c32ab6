package dev.guildhall.gateway.security;

/**
 * Who is calling, as far as the gateway knows: a user whose access token it verified, a bot whose bot
 * token bot-service confirmed (ADR 152), or nobody.
 *
 * @param userId the verified user id (a bot's is its bot user's); {@code null} for {@link Kind#ANONYMOUS}
 */
public record Caller(Kind kind, String userId) {

    /** Exchange attribute holding the request's {@link Caller}, set by {@link IdentityHeaderFilter}. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null);

    public enum Kind { USER, BOT, ANONYMOUS }

    public static Caller user(String userId) {
        return new Caller(Kind.USER, userId);
    }

    public static Caller bot(String botUserId) {
        return new Caller(Kind.BOT, botUserId);
    }
}
