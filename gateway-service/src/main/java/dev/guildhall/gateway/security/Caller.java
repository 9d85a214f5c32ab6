package dev.guildhall.gateway.security;

/**
 * Who is calling, as far as the gateway knows: a user whose token it verified, a bot whose token it
 * passes through unverified (the services verify it with bot-service), or nobody.
 *
 * @param userId the verified user id; {@code null} unless {@link Kind#USER}
 */
public record Caller(Kind kind, String userId) {

    /** Exchange attribute holding the request's {@link Caller}, set by {@link IdentityHeaderFilter}. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null);
    public static final Caller BOT = new Caller(Kind.BOT, null);

    public enum Kind { USER, BOT, ANONYMOUS }

    public static Caller user(String userId) {
        return new Caller(Kind.USER, userId);
    }
}
