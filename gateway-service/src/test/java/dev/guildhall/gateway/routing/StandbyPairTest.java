package dev.guildhall.gateway.routing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Which instance a request goes to through a restart beside a standby, with the slow start of ADR 278. */
class StandbyPairTest {

    private static final long SECOND = 1_000_000_000L;

    private final StandbyPair pair = new StandbyPair("message", URI.create("http://localhost:8083"),
            URI.create("http://localhost:8133"), Duration.ofSeconds(10));

    @Test
    void withoutAReadyStandbyEveryRequestGoesToThePrimary() {
        assertThat(shareToStandby(0)).isZero();
        pair.observe(0, false, false); // the primary is not asked then; it is all there is
        assertThat(shareToStandby(SECOND)).isZero();
    }

    @Test
    void aStandbyThatBecameReadyTakesAShareThatGrowsToHalfOverTheSlowStart() {
        assertThat(pair.observe(0, true, true)).contains("standby").contains("ready");

        assertThat(shareToStandby(0)).as("at once: a little, to start warming it")
                .isCloseTo(StandbyPair.FIRST_WEIGHT / (1 + StandbyPair.FIRST_WEIGHT), within(0.01));
        assertThat(shareToStandby(5 * SECOND)).as("half way: weight 0.5 against the primary's 1")
                .isCloseTo(1 / 3.0, within(0.02));
        assertThat(shareToStandby(10 * SECOND)).as("after the slow start: an equal share").isCloseTo(0.5, within(0.02));
        assertThat(shareToStandby(60 * SECOND)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void aPrimaryThatIsNotReadyGetsNothingAndTakesItsShareBackSlowlyOnceReady() {
        pair.observe(0, true, true);
        assertThat(pair.observe(20 * SECOND, true, false)).contains("primary is not ready");
        assertThat(shareToStandby(21 * SECOND)).as("the primary drains, stops, starts").isEqualTo(1.0);

        assertThat(pair.observe(60 * SECOND, true, true)).contains("primary").contains("ready again");
        assertThat(shareToStandby(60 * SECOND)).as("the restarted primary starts with a little")
                .isCloseTo(1 / (1 + StandbyPair.FIRST_WEIGHT), within(0.01));
        assertThat(shareToStandby(65 * SECOND)).isCloseTo(2 / 3.0, within(0.02));
        assertThat(shareToStandby(70 * SECOND)).isCloseTo(0.5, within(0.02));

        assertThat(pair.observe(71 * SECOND, false, true)).contains("standby is not ready");
        assertThat(shareToStandby(71 * SECOND)).as("the standby drains: all to the primary").isZero();
    }

    @Test
    void aPollThatChangesNothingLogsNothing() {
        pair.observe(0, true, true);
        assertThat(pair.observe(SECOND, true, true)).isNull();
        pair.observe(2 * SECOND, false, true);
        assertThat(pair.observe(3 * SECOND, false, true)).isNull();
    }

    @Test
    void noSlowStartMeansEqualSharesAtOnce() {
        StandbyPair none = new StandbyPair("auth", URI.create("http://a:1"), URI.create("http://a:2"), Duration.ZERO);
        none.observe(0, true, true);
        assertThat(share(none, 0)).isCloseTo(0.5, within(0.02));
    }

    private double shareToStandby(long now) {
        return share(pair, now);
    }

    private static double share(StandbyPair pair, long now) {
        Random random = new Random(7);
        int n = 20_000;
        int standby = 0;
        for (int i = 0; i < n; i++) {
            if (pair.choosesStandby(now, random.nextDouble())) {
                standby++;
            }
        }
        return (double) standby / n;
    }
}
