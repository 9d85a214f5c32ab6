package dev.guildhall.common.id;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnowflakeTest {

    @Test
    void composesAndDecomposes() {
        long millis = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
        long id = Snowflake.compose(millis, 513, 4095);
        assertThat(Snowflake.timestamp(id)).isEqualTo(Instant.ofEpochMilli(millis));
        assertThat(Snowflake.worker(id)).isEqualTo(513);
        assertThat(Snowflake.sequence(id)).isEqualTo(4095);
    }

    @Test
    void epochIsFirstOf2015() {
        assertThat(Snowflake.timestamp(Snowflake.compose(Snowflake.EPOCH, 0, 1)))
                .isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
    }

    @Test
    void generatedIdsAreUniqueAndIncreasingEvenWithinOneMillisecond() {
        Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        SnowflakeGenerator generator = new SnowflakeGenerator(7, frozen);
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            long id = generator.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            assertThat(Snowflake.worker(id)).isEqualTo(7);
            previous = id;
        }
    }

    @Test
    void parseRefusesWhatIsNotAnId() {
        assertThat(Snowflake.parse("175928847299117063")).isEqualTo(175928847299117063L);
        for (String bad : new String[] {"", "abc", "-1", "0", "1e5", "99999999999999999999999", "12 3"}) {
            assertThatThrownBy(() -> Snowflake.parse(bad)).isInstanceOf(InvalidIdException.class);
        }
        assertThatThrownBy(() -> Snowflake.parse(null)).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void idsExceedJavascriptSafeIntegersSoTheyTravelAsStrings() {
        long id = new SnowflakeGenerator(1).next();
        assertThat(id).isGreaterThan(1L << 53);
        assertThat(Snowflake.format(id)).isEqualTo(Long.toString(id));
    }
}
