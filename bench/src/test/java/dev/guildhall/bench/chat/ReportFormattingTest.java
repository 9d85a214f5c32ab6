package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.Latency;
import dev.guildhall.bench.common.TextTable;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportFormattingTest {

    @Test
    void percentilesComeFromTheRecordedMicrosecondsAsMilliseconds() {
        Latency l = new Latency();
        for (int ms = 1; ms <= 100; ms++) {
            l.recordNanos(ms * 1_000_000L);
        }
        assertThat(l.count()).isEqualTo(100);
        assertThat(l.millis(50)).isCloseTo(50, within(0.1));
        assertThat(l.millis(99)).isCloseTo(99, within(0.1));
        assertThat(l.maxMillis()).isCloseTo(100, within(0.1));
        assertThat(new Latency().millis(99)).isNaN();
    }

    @Test
    void formatsMillisecondsForACell() {
        assertThat(Latency.format(12.345)).isEqualTo("12.3");
        assertThat(Latency.format(1234.4)).isEqualTo("1234");
        assertThat(Latency.format(Double.NaN)).isEqualTo("-");
    }

    @Test
    void alignsColumns() {
        String table = new TextTable(List.of("run", "p99"))
                .row(List.of("small", "5.0"))
                .row(List.of("target step", "123.4"))
                .render();
        assertThat(table).isEqualTo("""
                run            p99
                -----------  -----
                small          5.0
                target step  123.4
                """);
    }

    @Test
    void sweepRatesAreRound() {
        assertThat(ChatBench.nice(140)).isEqualTo(140);
        assertThat(ChatBench.nice(196)).isEqualTo(200);
        assertThat(ChatBench.nice(67)).isEqualTo(65);
        assertThat(ChatBench.nice(1)).isEqualTo(5);
    }

    @Test
    void scansTopLevelNumbersOfAFrame() {
        String frame = "{\"op\":0,\"t\":\"MESSAGE_CREATE\",\"s\":42,\"d\":{\"reactions\":[],\"content\":\"gh-bench:1:7\"}}";
        assertThat(GatewaySession.number(frame, "\"op\":")).isZero();
        assertThat(GatewaySession.number(frame, "\"s\":")).isEqualTo(42);
        assertThat(GatewaySession.number("{\"op\":10,\"d\":{\"heartbeat_interval\": 41250}}",
                "\"heartbeat_interval\":")).isEqualTo(41250);
        assertThat(GatewaySession.number("{\"op\":11,\"s\":null}", "\"s\":")).isEqualTo(-1);
    }

    @Test
    void namesAnErrorByItsProblemCode() {
        assertThat(LoadStep.problemCode("{\"type\":\"about:blank\",\"status\":429,\"code\":\"RATE_LIMITED\"}"))
                .isEqualTo(" RATE_LIMITED");
        assertThat(LoadStep.problemCode("")).isEmpty();
        assertThat(LoadStep.problemCode(null)).isEmpty();
    }
}
