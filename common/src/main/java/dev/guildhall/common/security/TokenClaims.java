package dev.guildhall.common.security;

/** Claims and defaults of Guildhall access tokens (JWT, RS256, signed by auth-service). */
public final class TokenClaims {

    /** Default {@code iss}; configurable per deployment. */
    public static final String DEFAULT_ISSUER = "http://localhost:8081";
    /** {@code aud} of user access tokens. */
    public static final String AUDIENCE = "guildhall-api";
    /** The only signing algorithm accepted anywhere. */
    public static final String ALGORITHM = "RS256";
    /** Username claim, for logs and convenience; identity is {@code sub}. */
    public static final String USERNAME = "username";
    /** What a token may be used for; access tokens carry {@value #USE_ACCESS}. */
    public static final String TOKEN_USE = "token_use";
    public static final String USE_ACCESS = "access";
    /** Header the gateway sets downstream with the verified user id (services verify the JWT again). */
    public static final String USER_ID_HEADER = "X-Guildhall-User-Id";

    private TokenClaims() {
    }
}
