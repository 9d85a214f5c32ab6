package dev.guildhall.bench.voice;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    @Test
    void phasesSpreadOverThePeriod() {
        long[] buckets = new long[4];
        IntStream.range(0, 400).forEach(i -> {
            long phase = Pacer.phase(i);
            assertThat(phase).isBetween(0L, Pacer.PERIOD_NANOS - 1);
            buckets[(int) (phase * 4 / Pacer.PERIOD_NANOS)]++;
        });
        for (long n : buckets) {
            assertThat(n).isBetween(90L, 110L);
        }
    }

    @Test
    void theFirstSendIsTheNextSlotOnTheEndpointsGrid() {
        long base = 1_000_000_000L;
        long phase = 5_000_000L;
        assertThat(Pacer.firstDue(base, phase, base)).isEqualTo(base + phase);
        assertThat(Pacer.firstDue(base, phase, base + phase)).isEqualTo(base + phase);
        assertThat(Pacer.firstDue(base, phase, base + phase + 1)).isEqualTo(base + phase + Pacer.PERIOD_NANOS);
        assertThat(Pacer.firstDue(base, phase, base + phase + 3 * Pacer.PERIOD_NANOS))
                .isEqualTo(base + phase + 3 * Pacer.PERIOD_NANOS);
    }
}
