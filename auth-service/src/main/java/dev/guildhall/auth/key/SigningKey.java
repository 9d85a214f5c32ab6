package dev.guildhall.auth.key;

import com.nimbusds.jose.jwk.RSAKey;

import java.time.Instant;

/**
 * One RS256 key and its life: published from {@code createdAt}, signs from {@code activateAt}
 * until {@code deactivateAt} (open while it is the newest), leaves the JWKS at {@code retireAt}.
 *
 * @param jwk the key pair, private part included
 */
public record SigningKey(String kid, RSAKey jwk, Instant createdAt, Instant activateAt, Instant deactivateAt,
                         Instant retireAt) {

    public boolean signsAt(Instant now) {
        return !now.isBefore(activateAt) && (deactivateAt == null || now.isBefore(deactivateAt));
    }

    public boolean publishedAt(Instant now) {
        return retireAt == null || now.isBefore(retireAt);
    }

    public SigningKey deactivated(Instant deactivateAt, Instant retireAt) {
        return new SigningKey(kid, jwk, createdAt, activateAt, deactivateAt, retireAt);
    }
}
