package dev.guildhall.auth.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies of {@code /api/v1/auth/**}. */
public final class SessionRequests {

    private SessionRequests() {
    }

    /** {@code login} is a username or an email, either case. */
    public record Login(@NotBlank @Size(max = 254) String login, @NotBlank @Size(max = 1024) String password) {
    }

    public record MfaTotp(@NotBlank @Size(max = 128) String ticket, @NotBlank @Size(max = 64) String code) {
    }

    public record Refresh(@NotBlank @Size(max = 128) String refreshToken) {
    }

    /** Logout's body is optional: without it, a bearer token ends every session of its user. */
    public record Logout(@Size(max = 128) String refreshToken) {
    }
}
