package dev.guildhall.message.reaction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "\uD83D\uDC4D",                                   // 👍
            "\uD83D\uDC4D\uD83C\uDFFD",                       // 👍🏽 skin tone
            "\u2764\uFE0F",                                   // ❤️
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // family ZWJ
            "\uD83C\uDDEB\uD83C\uDDF7",                       // 🇫🇷
            "1\uFE0F\u20E3",                                  // keycap 1
            "#\u20E3",                                        // keycap #
            "\u2122\uFE0F",                                   // ™️
            "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F" // England flag
    })
    void acceptsUnicodeEmoji(String emoji) {
        assertThat(Emoji.isValid(emoji)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "abc", "1", "\uD83D\uDC4Dx", ":thumbsup:", "name:123", "\u200D", "\uFE0F",
            " \uD83D\uDC4D", "\u0000", "<script>", "1\uFE0F"})
    void refusesEverythingElse(String value) {
        assertThat(Emoji.isValid(value)).isFalse();
    }

    /** Issue 14, finding 9: a reaction is one emoji, not two side by side. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\uD83D\uDC4D\uD83D\uDC4D",                               // 👍👍
            "\uD83D\uDE00\uD83D\uDE03",                               // 😀😃
            "\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDE9\uD83C\uDDEA",   // 🇫🇷🇩🇪
            "\uD83C\uDDEB",                                           // half a flag
            "\uD83D\uDC4D\u200D",                                     // a joiner joining nothing
            "\uD83C\uDFFD",                                           // a skin tone alone
            "1\u20E31\u20E3",                                         // two keycaps
            "\u2764\uFE0F\uD83D\uDC4D"                               // ❤️👍
    })
    void refusesMoreThanOneEmoji(String value) {
        assertThat(Emoji.isValid(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 40})
    void refusesOverlongSequences(int count) {
        assertThat(Emoji.isValid("\uD83D\uDE00".repeat(count))).isFalse();
    }
}
