package dev.guildhall.auth.user;

import dev.guildhall.support.validation.NoControlCharacters;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Optional;

/** Request bodies about accounts. Password strength is the {@code PasswordPolicy}'s job, not these. */
public final class UserRequests {

    /** Emails need a dot in the domain: {@code a@b} is valid RFC 5322 but never a deliverable address here. */
    static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final String AVATAR_PATTERN = "^https?://\\S+$";

    private UserRequests() {
    }

    public record Register(
            @NotBlank @NoControlCharacters @Pattern(regexp = User.USERNAME_PATTERN,
                    message = "must be 2-32 characters: letters, digits, '_', '.' or '-'") String username,
            @NotBlank @Size(max = User.EMAIL_MAX) @Email(regexp = EMAIL_PATTERN) String email,
            @NotNull @Size(max = 1024) String password) {
    }

    /**
     * PATCH {@code /users/@me}: absent fields stay as they are; {@code avatar_url: null} removes the
     * avatar. A new password needs the current one in {@code password} (Discord's shape).
     * {@code avatar_upload_id} names an avatar upload of the caller ({@code POST /uploads}, ADR 195):
     * its crops become {@code avatar_url}.
     */
    public record Update(
            @NoControlCharacters @Pattern(regexp = User.USERNAME_PATTERN,
                    message = "must be 2-32 characters: letters, digits, '_', '.' or '-'") String username,
            @Size(max = User.EMAIL_MAX) @Email(regexp = EMAIL_PATTERN) String email,
            Optional<@Size(max = User.AVATAR_URL_MAX) @Pattern(regexp = AVATAR_PATTERN,
                    message = "must be an http(s) URL") String> avatarUrl,
            @Size(max = 1024) String password,
            @Size(max = 1024) String newPassword,
            @Size(max = 20) String avatarUploadId) {

        /** The same change, with the avatar set to this URL instead of an upload. */
        Update withAvatarUrl(String url) {
            return new Update(username, email, Optional.of(url), password, newPassword, null);
        }
    }
}
