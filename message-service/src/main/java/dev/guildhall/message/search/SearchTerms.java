package dev.guildhall.message.search;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a user typed into a MariaDB boolean-mode FULLTEXT query (ADR 066). The user's text
 * never reaches the query syntax as such: it is cut into words (letters and digits), every word
 * becomes a required prefix term ({@code +word*}) and every {@code "quoted phrase"} a required
 * phrase ({@code +"quoted phrase"}). Words InnoDB does not index — shorter than
 * {@value #MIN_WORD} characters, or on its default stopword list — are dropped, since requiring
 * them would match nothing.
 */
public final class SearchTerms {

    /** InnoDB's {@code innodb_ft_min_token_size} default. */
    static final int MIN_WORD = 3;
    static final int MAX_TERMS = 12;
    static final int MAX_QUERY_LENGTH = 200;

    /** InnoDB's default FULLTEXT stopwords ({@code INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD}). */
    static final Set<String> STOPWORDS = Set.of("a", "about", "an", "are", "as", "at", "be", "by", "com", "de", "en",
            "for", "from", "how", "i", "in", "is", "it", "la", "of", "on", "or", "that", "the", "this", "to", "was",
            "what", "when", "where", "who", "will", "with", "und", "www");

    private static final Pattern PHRASE = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private SearchTerms() {
    }

    /** @throws GuildhallException {@code VALIDATION_FAILED} when nothing searchable is left */
    public static String booleanQuery(String q) {
        if (q == null || q.isBlank()) {
            throw invalid("must not be empty");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw invalid("must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        List<String> terms = new ArrayList<>();
        Matcher phrases = PHRASE.matcher(q);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (phrases.find()) {
            rest.append(q, last, phrases.start()).append(' ');
            List<String> words = words(phrases.group(1), false);
            if (words.size() == 1) {
                addTerm(terms, "+" + words.get(0) + "*");
            } else if (!words.isEmpty()) {
                addTerm(terms, "+\"" + String.join(" ", words) + "\"");
            }
            last = phrases.end();
        }
        rest.append(q.substring(last));
        for (String word : words(rest.toString(), true)) {
            addTerm(terms, "+" + word + "*");
        }
        if (terms.isEmpty()) {
            throw invalid("needs a word of at least " + MIN_WORD + " letters or digits that is not a stopword");
        }
        return String.join(" ", terms);
    }

    private static List<String> words(String text, boolean dropUnindexed) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group().toLowerCase(java.util.Locale.ROOT);
            boolean indexed = word.codePointCount(0, word.length()) >= MIN_WORD && !STOPWORDS.contains(word);
            if (indexed || !dropUnindexed) {
                words.add(word);
            }
        }
        return words;
    }

    private static void addTerm(List<String> terms, String term) {
        if (terms.size() < MAX_TERMS && !terms.contains(term)) {
            terms.add(term);
        }
    }

    private static GuildhallException invalid(String message) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid search: " + message,
                Map.of("errors", Map.of("q", message)));
    }
}
