package dev.guildhall.bench.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateScheduleTest {

    @Test
    void messagesAreDueEvenlyFromTheStartWhateverHappensToEarlierOnes() {
        RateSchedule s = new RateSchedule(500, 2000);
        assertThat(s.dueNanos(0)).isZero();
        assertThat(s.dueNanos(1)).isEqualTo(2_000_000);
        assertThat(s.dueNanos(500)).isEqualTo(1_000_000_000);
        assertThat(new RateSchedule(3, 1).dueNanos(1)).isEqualTo(333_333_333);
    }

    @Test
    void countsTheMessagesOfAWindow() {
        assertThat(new RateSchedule(500, 10).messagesIn(60)).isEqualTo(30_000);
        assertThat(new RateSchedule(3, 10).messagesIn(0.5)).isEqualTo(2);
        assertThat(new RateSchedule(3, 10).messagesIn(0)).isZero();
    }

    @Test
    void everyPairSendsOncePerRotation() {
        RateSchedule s = new RateSchedule(500, 2000);
        assertThat(s.pair(0)).isZero();
        assertThat(s.pair(1999)).isEqualTo(1999);
        assertThat(s.pair(2000)).isZero();
        assertThat(s.pairIntervalSeconds()).isEqualTo(4.0);
    }

    @Test
    void boundsTheSendsOfOnePairInAWindowThatOpensWithASend() {
        // every 4 s: sends at 0 and 4 fall in [0, 6]
        assertThat(new RateSchedule(500, 2000).maxSendsPerPairIn(6)).isEqualTo(2);
        // every 1 s: 0, 1, ..., 6 → 7, over the limit of 5
        assertThat(new RateSchedule(10, 10).maxSendsPerPairIn(6)).isEqualTo(7);
        // every 1.5 s: 0, 1.5, 3, 4.5, 6 → 5
        assertThat(new RateSchedule(2, 3).maxSendsPerPairIn(6)).isEqualTo(5);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RateSchedule(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSchedule(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
