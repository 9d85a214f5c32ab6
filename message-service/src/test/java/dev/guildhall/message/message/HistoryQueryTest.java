package dev.guildhall.message.message;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryQueryTest {

    @Test
    void defaultsToTheLatestPageOfDefaultSize() {
        HistoryQuery q = HistoryQuery.of(null, null, null, null, 50, 100);
        assertThat(q.direction()).isEqualTo(HistoryQuery.Direction.LATEST);
        assertThat(q.limit()).isEqualTo(50);
    }

    @Test
    void readsEachAnchor() {
        assertThat(HistoryQuery.of("10", null, null, 5, 50, 100))
                .isEqualTo(new HistoryQuery(HistoryQuery.Direction.BEFORE, 10, 5));
        assertThat(HistoryQuery.of(null, "10", null, 5, 50, 100))
                .isEqualTo(new HistoryQuery(HistoryQuery.Direction.AFTER, 10, 5));
        assertThat(HistoryQuery.of(null, null, "10", 5, 50, 100))
                .isEqualTo(new HistoryQuery(HistoryQuery.Direction.AROUND, 10, 5));
        assertThat(HistoryQuery.of(" ", "", null, 5, 50, 100).direction()).isEqualTo(HistoryQuery.Direction.LATEST);
    }

    @ParameterizedTest
    @CsvSource({
            // limit, newer, older (anchor included)
            "1, 0, 1",
            "2, 0, 2",
            "3, 1, 2",
            "4, 1, 3",
            "5, 2, 3",
            "50, 24, 26",
            "100, 49, 51"})
    void splitsAroundPagesWithTheAnchorOnTheOlderSide(int limit, int newer, int older) {
        HistoryQuery q = new HistoryQuery(HistoryQuery.Direction.AROUND, 10, limit);
        assertThat(q.newerCount()).isEqualTo(newer);
        assertThat(q.olderCount()).isEqualTo(older);
        assertThat(q.newerCount() + q.olderCount()).isEqualTo(limit);
    }

    @Test
    void otherDirectionsDoNotSplit() {
        HistoryQuery q = new HistoryQuery(HistoryQuery.Direction.BEFORE, 10, 7);
        assertThat(q.newerCount()).isZero();
        assertThat(q.olderCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"0", "101", "-1"})
    void refusesLimitsOutOfRange(int limit) {
        assertThatThrownBy(() -> HistoryQuery.of(null, null, null, limit, 50, 100))
                .isInstanceOfSatisfying(GuildhallException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void refusesMoreThanOneAnchor() {
        assertThatThrownBy(() -> HistoryQuery.of("1", "2", null, null, 50, 100))
                .isInstanceOfSatisfying(GuildhallException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void refusesAnchorsThatAreNotIds() {
        assertThatThrownBy(() -> HistoryQuery.of("yesterday", null, null, null, 50, 100))
                .isInstanceOf(dev.guildhall.common.id.InvalidIdException.class);
    }
}
