package dev.guildhall.message.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MentionsTest {

    @Test
    void parsesUsersRolesAndEveryoneInOrderWithoutDuplicates() {
        Mentions m = Mentions.parse("hi <@42> and <@!7>, ping <@&99> <@42> @everyone");
        assertThat(m.users()).containsExactly(42L, 7L);
        assertThat(m.roles()).containsExactly(99L);
        assertThat(m.everyone()).isTrue();
    }

    @Test
    void hereCountsAsEveryone() {
        assertThat(Mentions.parse("@here look").everyone()).isTrue();
    }

    @Test
    void lookalikesAreNotMentions() {
        Mentions m = Mentions.parse("<@abc> <@> <@&> <@ 5> @everyoneelse mail@everyone.org <@-1> <@0> "
                + "<@99999999999999999999>");
        assertThat(m.users()).isEmpty();
        assertThat(m.roles()).isEmpty();
        assertThat(m.everyone()).isFalse();
    }

    @Test
    void everyoneFollowedByPunctuationStillCounts() {
        assertThat(Mentions.parse("hello @everyone!").everyone()).isTrue();
    }

    @Test
    void capsEachKind() {
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= Mentions.MAX_PER_KIND + 20; i++) {
            content.append("<@").append(i).append("> <@&").append(i).append("> ");
        }
        Mentions m = Mentions.parse(content.toString());
        assertThat(m.users()).hasSize(Mentions.MAX_PER_KIND);
        assertThat(m.roles()).hasSize(Mentions.MAX_PER_KIND);
    }

    @Test
    void emptyContentMentionsNobody() {
        assertThat(Mentions.parse("")).isEqualTo(Mentions.NONE);
        assertThat(Mentions.parse(null)).isEqualTo(Mentions.NONE);
    }
}
