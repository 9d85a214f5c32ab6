package dev.guildhall.auth.user;

import dev.guildhall.common.id.Snowflake;
import org.springframework.security.oauth2.jwt.Jwt;

/** The caller, as the verified access token says: identity never comes from a request body. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static long id(Jwt jwt) {
        return Snowflake.parse(jwt.getSubject());
    }
}
