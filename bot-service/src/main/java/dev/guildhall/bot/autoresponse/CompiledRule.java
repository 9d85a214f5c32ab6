package dev.guildhall.bot.autoresponse;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import java.util.Optional;

/**
 * A rule ready to test messages: its regex compiled once (RE2/J: matching time is linear in the message,
 * whatever the pattern — no catastrophic backtracking), its keyword or command folded once.
 */
final class CompiledRule {

    private final AutoResponse rule;
    private final Pattern pattern;
    private final String folded;

    private CompiledRule(AutoResponse rule) {
        this.rule = rule;
        AutoResponse.Trigger trigger = rule.trigger();
        this.pattern = trigger.type() == AutoResponse.TriggerType.REGEX
                ? compile(trigger.value(), trigger.caseSensitive()) : null;
        this.folded = trigger.caseSensitive() ? trigger.value() : fold(trigger.value());
    }

    static CompiledRule of(AutoResponse rule) {
        return new CompiledRule(rule);
    }

    static Pattern compile(String regex, boolean caseSensitive) {
        return Pattern.compile(regex, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
    }

    AutoResponse rule() {
        return rule;
    }

    /**
     * Whether the message triggers this rule, and what {@code {args}} then stands for: the text after a prefix
     * command, the matched text of a keyword or regex.
     */
    Optional<String> match(String content) {
        if (content == null || content.isEmpty()) {
            return Optional.empty();
        }
        boolean caseSensitive = rule.trigger().caseSensitive();
        return switch (rule.trigger().type()) {
            case PREFIX_COMMAND -> {
                String text = content.stripLeading();
                String head = caseSensitive ? text : fold(text);
                if (!head.startsWith(folded)) {
                    yield Optional.empty();
                }
                String rest = text.substring(Math.min(text.length(), folded.length()));
                if (!rest.isEmpty() && !Character.isWhitespace(rest.codePointAt(0))) {
                    yield Optional.empty();
                }
                yield Optional.of(rest.strip());
            }
            case KEYWORD -> {
                int at = (caseSensitive ? content : fold(content)).indexOf(folded);
                yield at < 0 ? Optional.empty() : Optional.of(content.substring(at, Math.min(content.length(),
                        at + folded.length())));
            }
            case REGEX -> {
                Matcher matcher = pattern.matcher(content);
                yield matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
            }
        };
    }

    /** Per-char lower case: keeps the length, so offsets in the folded text are offsets in the original. */
    private static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            out.append(Character.toLowerCase(text.charAt(i)));
        }
        return out.toString();
    }
}
