package dev.guildhall.bench.bots;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BotOptionsTest {

    @Test
    void theDefaultsAreIssue10sBench() {
        BotOptions o = BotOptions.parse("--target", "http://localhost:8080/");
        assertThat(o.target().toString()).isEqualTo("http://localhost:8080");
        assertThat(o.bots()).isEqualTo(20);
        // 50 messages/s to 20 bots: 1,000 dispatches/s
        assertThat(o.rate() * o.bots()).isEqualTo(1000);
        assertThat(o.restRate()).isEqualTo(50);
        assertThat(o.durationSeconds()).isEqualTo(60);
    }

    @Test
    void refusesARateThePeopleCannotPostUnderTheirSendLimit() {
        assertThatThrownBy(() -> BotOptions.parse("--target", "http://x", "--rate", "100", "--senders", "64"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--senders");
        assertThatThrownBy(() -> BotOptions.parse("--bots", "3")).hasMessageContaining("--target");
    }

    @Test
    void aMessageIdTellsWhenTheMessageWasCreated() {
        // Discord's documented example: 175928847299117063 was created at 1462015105796 ms
        assertThat((175928847299117063L >> 22) + BotSession.EPOCH).isEqualTo(1462015105796L);
    }
}
