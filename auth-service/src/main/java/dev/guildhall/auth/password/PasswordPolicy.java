package dev.guildhall.auth.password;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;

/**
 * What a password must be (ADR 011): 10 to 128 characters, not in the bundled common-passwords
 * list, not the username or the email (or its local part), and not a run of 3 or fewer distinct
 * characters. A refusal is {@code WEAK_PASSWORD} with a {@code reason} a client can show.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;
    private static final int MIN_DISTINCT = 4;

    private final CommonPasswords common;

    public PasswordPolicy() {
        this(CommonPasswords.bundled());
    }

    PasswordPolicy(CommonPasswords common) {
        this.common = common;
    }

    /** Throws {@code WEAK_PASSWORD} when the password is not acceptable for this account. */
    public void check(String password, String username, String email) {
        if (password == null) {
            throw weak("too_short", "Password must be at least " + MIN_LENGTH + " characters");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw weak("too_short", "Password must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw weak("too_long", "Password must be at most " + MAX_LENGTH + " characters");
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT) {
            throw weak("too_simple", "Password repeats too few characters");
        }
        if (common.contains(password)) {
            throw weak("too_common", "Password is too common");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.equals(username.toLowerCase(Locale.ROOT))) {
            throw weak("matches_account", "Password must not be the username");
        }
        if (email != null) {
            String emailLower = email.toLowerCase(Locale.ROOT);
            int at = emailLower.indexOf('@');
            if (lower.equals(emailLower) || (at > 0 && lower.equals(emailLower.substring(0, at)))) {
                throw weak("matches_account", "Password must not be the email address");
            }
        }
    }

    private static GuildhallException weak(String reason, String detail) {
        return new GuildhallException(ErrorCode.WEAK_PASSWORD, detail, Map.of("reason", reason));
    }
}
