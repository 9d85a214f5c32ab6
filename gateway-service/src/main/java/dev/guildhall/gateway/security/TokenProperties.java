package dev.guildhall.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How access tokens are verified (shared defaults: {@code GUILDHALL_JWKS_URI},
 * {@code GUILDHALL_TOKEN_ISSUER}, audience {@code guildhall-api}).
 *
 * @param verificationTimeout the longest a verification may take, fetching auth-service's JWKS
 *                            included; past it the request is answered 503, not left hanging
 */
@ConfigurationProperties("guildhall.security")
public record TokenProperties(String jwkSetUri, String issuer, String audience,
                              @DefaultValue("2s") Duration verificationTimeout) {
}
