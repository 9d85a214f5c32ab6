package dev.guildhall.bot.autoresponse;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CompiledRuleTest {

    private static CompiledRule rule(AutoResponse.TriggerType type, String value, boolean caseSensitive) {
        return CompiledRule.of(new AutoResponse(1, 2, "r", new AutoResponse.Trigger(type, value, caseSensitive),
                new AutoResponse.Response("x", null, null, false, false), List.of(), true, 3, Instant.EPOCH,
                Instant.EPOCH));
    }

    @Test
    void aPrefixCommandMatchesAloneOrBeforeArgumentsAndGivesTheArguments() {
        CompiledRule rules = rule(AutoResponse.TriggerType.PREFIX_COMMAND, "!rules", false);
        assertThat(rules.match("!rules")).contains("");
        assertThat(rules.match("  !Rules   be  nice ")).contains("be  nice");
        assertThat(rules.match("!rulesx")).isEmpty();
        assertThat(rules.match("see !rules")).isEmpty();
        assertThat(rule(AutoResponse.TriggerType.PREFIX_COMMAND, "!rules", true).match("!Rules")).isEmpty();
    }

    @Test
    void aKeywordMatchesAnywhereAndGivesTheTextAsWritten() {
        CompiledRule hello = rule(AutoResponse.TriggerType.KEYWORD, "hello", false);
        assertThat(hello.match("well HeLLo there")).contains("HeLLo");
        assertThat(hello.match("hi")).isEmpty();
        assertThat(rule(AutoResponse.TriggerType.KEYWORD, "hello", true).match("HELLO")).isEmpty();
    }

    @Test
    void aCatastrophicBacktrackingPatternFinishesAtOnce() {
        CompiledRule evil = rule(AutoResponse.TriggerType.REGEX, "(a+)+$", false);
        String input = "a".repeat(100_000) + "!";
        // java.util.regex would not finish this within the age of the universe
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(evil.match(input)).isEmpty());
        assertThat(evil.match("baaa")).contains("aaa");
    }
}
