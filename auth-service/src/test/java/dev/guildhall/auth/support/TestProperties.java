package dev.guildhall.auth.support;

import dev.guildhall.auth.config.AuthProperties;

import java.time.Duration;

/** The defaults of application.yml as a record, for tests that build classes by hand. */
public final class TestProperties {

    public static final String ISSUER = "http://auth.test";
    public static final String AUDIENCE = "guildhall-api";

    private TestProperties() {
    }

    public static AuthProperties defaults() {
        return new AuthProperties(ISSUER, AUDIENCE, 0, "",
                new AuthProperties.Tokens(Duration.ofMinutes(10), Duration.ofDays(30), Duration.ofSeconds(60)),
                new AuthProperties.SigningKeys(Duration.ofDays(30), Duration.ofMinutes(10), Duration.ofSeconds(30),
                        Duration.ofDays(1), 2048),
                new AuthProperties.Mfa("Guildhall", Duration.ofMinutes(5), 5, 10),
                new AuthProperties.LoginThrottle(true, 5, Duration.ofMinutes(1), true, 0));
    }
}
