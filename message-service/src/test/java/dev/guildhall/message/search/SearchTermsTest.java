package dev.guildhall.message.search;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchTermsTest {

    @Test
    void everyWordIsARequiredPrefix() {
        assertThat(SearchTerms.booleanQuery("Hello World")).isEqualTo("+hello* +world*");
    }

    @Test
    void operatorsTypedByUsersAreJustSeparators() {
        assertThat(SearchTerms.booleanQuery("-foo +bar* (baz) ~qux <quux> @spam"))
                .isEqualTo("+foo* +bar* +baz* +qux* +quux* +spam*");
    }

    @Test
    void quotedTextIsAPhrase() {
        assertThat(SearchTerms.booleanQuery("\"release the kraken\" now"))
                .isEqualTo("+\"release the kraken\" +now*");
    }

    @Test
    void shortWordsAndStopwordsAreDropped() {
        assertThat(SearchTerms.booleanQuery("is it the deploy of go")).isEqualTo("+deploy*");
    }

    @Test
    void unicodeWordsSurvive() {
        assertThat(SearchTerms.booleanQuery("Größe café")).isEqualTo("+größe* +café*");
    }

    @Test
    void duplicatesCollapseAndTermsAreCapped() {
        assertThat(SearchTerms.booleanQuery("word word WORD")).isEqualTo("+word*");
        String many = String.join(" ", java.util.stream.IntStream.range(0, 30).mapToObj(i -> "term" + i).toList());
        assertThat(SearchTerms.booleanQuery(many).split(" ")).hasSize(SearchTerms.MAX_TERMS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "a b", "the of", "\"\"", "!!!"})
    void nothingSearchableIsRefused(String q) {
        assertThatThrownBy(() -> SearchTerms.booleanQuery(q)).isInstanceOfSatisfying(GuildhallException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void overlongQueriesAreRefused() {
        assertThatThrownBy(() -> SearchTerms.booleanQuery("x".repeat(201))).isInstanceOf(GuildhallException.class);
    }
}
