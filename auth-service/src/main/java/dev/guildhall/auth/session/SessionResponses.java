package dev.guildhall.auth.session;

/** What login, the second factor and refresh answer. */
public final class SessionResponses {

    private SessionResponses() {
    }

    /** Either tokens or the demand for a second factor. */
    public sealed interface LoginResult permits Tokens, MfaRequired {
    }

    public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn)
            implements LoginResult {

        public static Tokens bearer(String accessToken, String refreshToken, long expiresIn) {
            return new Tokens(accessToken, refreshToken, "Bearer", expiresIn);
        }
    }

    public record MfaRequired(boolean mfaRequired, String ticket) implements LoginResult {

        public MfaRequired(String ticket) {
            this(true, ticket);
        }
    }
}
