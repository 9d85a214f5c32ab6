package dev.guildhall.websocket.fanout;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventDeduplicatorTest {

    @Test
    void passesAnIdOnlyOnce() {
        EventDeduplicator dedupe = new EventDeduplicator(10);
        assertThat(dedupe.firstTime("a")).isTrue();
        assertThat(dedupe.firstTime("a")).isFalse();
        assertThat(dedupe.firstTime("b")).isTrue();
    }

    @Test
    void forgetsTheLeastRecentlySeenBeyondCapacity() {
        EventDeduplicator dedupe = new EventDeduplicator(3);
        dedupe.firstTime("a");
        dedupe.firstTime("b");
        dedupe.firstTime("c");
        dedupe.firstTime("a"); // touched: now the most recent
        dedupe.firstTime("d"); // evicts b
        assertThat(dedupe.size()).isEqualTo(3);
        assertThat(dedupe.firstTime("a")).isFalse();
        assertThat(dedupe.firstTime("b")).isTrue();
    }

    @Test
    void eventsWithoutAnIdAlwaysPass() {
        EventDeduplicator dedupe = new EventDeduplicator(3);
        assertThat(dedupe.firstTime(null)).isTrue();
        assertThat(dedupe.firstTime(null)).isTrue();
    }
}
