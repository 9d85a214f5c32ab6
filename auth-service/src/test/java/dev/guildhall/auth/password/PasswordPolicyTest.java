package dev.guildhall.auth.password;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void bundledListHasAFewHundredLongEntries() {
        CommonPasswords common = CommonPasswords.bundled();
        assertThat(common.size()).isGreaterThan(300);
        assertThat(common.contains("Password123")).isTrue();
        assertThat(common.contains("1234567890")).isTrue();
        assertThat(common.contains("QWERTYUIOP")).isTrue();
    }

    @Test
    void acceptsAReasonablePassword() {
        assertThatCode(() -> policy.check("correct horse battery", "alice", "alice@example.com"))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.check("Tr0ub4dor&3x", "alice", "alice@example.com")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "123456789", "password123", "iloveyou123", "qwertyuiop", "1234567890",
            "aaaaaaaaaaaa", "abababababab"})
    void refusesShortCommonOrRepetitive(String password) {
        assertWeak(password, "alice", "alice@example.com");
    }

    @Test
    void refusesTooLong() {
        assertWeak("x1".repeat(65), "alice", "alice@example.com");
        assertThatCode(() -> policy.check("x1y2".repeat(32), "alice", "alice@example.com")).doesNotThrowAnyException();
    }

    @Test
    void refusesTheUsernameOrEmailWhateverTheCase() {
        assertWeak("Alice.Liddell", "alice.liddell", "al@example.com");
        assertWeak("ALICE@EXAMPLE.COM", "alice", "alice@example.com");
        assertWeak("wonderland7", "alice", "wonderland7@example.com");
    }

    @Test
    void refusalsCarryAReason() {
        assertThatThrownBy(() -> policy.check("password123", "bob", "bob@example.com"))
                .isInstanceOfSatisfying(GuildhallException.class,
                        e -> assertThat(e.properties()).containsEntry("reason", "too_common"));
    }

    private void assertWeak(String password, String username, String email) {
        assertThatThrownBy(() -> policy.check(password, username, email))
                .isInstanceOfSatisfying(GuildhallException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WEAK_PASSWORD));
    }
}
