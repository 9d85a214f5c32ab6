package dev.guildhall.message.message;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentRulesTest {

    @Test
    void trimsAndNormalisesLineEnds() {
        assertThat(ContentRules.normalize("  hello\r\nworld\t! \n", 4000)).isEqualTo("hello\nworld\t!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t \n"})
    void refusesEmptyContent(String content) {
        assertViolation(content, "must not be empty");
    }

    @Test
    void refusesNull() {
        assertViolation(null, "must not be null");
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE00".repeat(4000); // 4000 emoji, 8000 UTF-16 units
        assertThat(ContentRules.normalize(emoji, 4000)).isEqualTo(emoji);
        assertViolation(emoji + "a", "must be at most 4000 characters (was 4001)");
    }

    @Test
    void acceptsExactlyTheLimitAndRefusesOneMore() {
        assertThat(ContentRules.normalize("x".repeat(4000), 4000)).hasSize(4000);
        assertViolation("x".repeat(4001), "must be at most 4000 characters (was 4001)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "bell\u0007", "a\rb", "esc\u001b[31m", "del\u007f", "c1\u0085"})
    void refusesControlCharactersOtherThanNewlineAndTab(String content) {
        assertThatThrownBy(() -> ContentRules.normalize(content, 4000))
                .isInstanceOfSatisfying(GuildhallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(errors(e).get("content")).startsWith("must not contain control character U+");
                });
    }

    @Test
    void keepsFormatCharactersThatEmojiNeed() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // ZWJ sequence
        assertThat(ContentRules.normalize(family, 4000)).isEqualTo(family);
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertViolation("bad \uD83D text", "must be valid Unicode text");
    }

    private static void assertViolation(String content, String message) {
        assertThatThrownBy(() -> ContentRules.normalize(content, 4000))
                .isInstanceOfSatisfying(GuildhallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(errors(e)).containsEntry("content", message);
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> errors(GuildhallException e) {
        return (Map<String, String>) e.properties().get("errors");
    }
}
