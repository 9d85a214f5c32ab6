package dev.guildhall.bench.voice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceBenchOptionsTest {

    @Test
    void defaultsGiveSixEndpointsPerConferenceAndTheSignallingUrlFollowsTheTarget() {
        VoiceBenchOptions o = VoiceBenchOptions.parse("--target", "http://localhost:19112/");
        assertThat(o.target().toString()).isEqualTo("http://localhost:19112");
        assertThat(o.signalUrl().toString()).isEqualTo("ws://localhost:19112/signal");
        assertThat(o.endpoints()).containsExactly(60);
        assertThat(o.conferencesFor(60)).isEqualTo(10);
        assertThat(o.conferencesFor(61)).as("a partial conference still counts").isEqualTo(11);
        assertThat(o.durationSeconds()).isEqualTo(30);
        assertThat(o.nodeId()).isEqualTo("media-1");
    }

    @Test
    void stepsAndAFixedNumberOfConferences() {
        VoiceBenchOptions o = VoiceBenchOptions.parse("--target", "http://h:1", "--endpoints", "20, 40,80",
                "--conferences", "4", "--duration", "5", "--node-pid", "42", "--payload", "120");
        assertThat(o.endpoints()).isEqualTo(List.of(20, 40, 80));
        assertThat(o.conferencesFor(80)).isEqualTo(4);
        assertThat(o.nodePid()).isEqualTo(42);
        assertThat(o.payloadBytes()).isEqualTo(120);
    }

    @Test
    void streamsAreEveryOrderedPairInsideEachConference() {
        assertThat(VoiceBenchOptions.streams(60, 10)).isEqualTo(10 * 6 * 5);
        assertThat(VoiceBenchOptions.streams(7, 2)).as("4 + 3").isEqualTo(4 * 3 + 3 * 2);
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> VoiceBenchOptions.parse("--endpoints", "10")).hasMessageContaining("--target");
        assertThatThrownBy(() -> VoiceBenchOptions.parse("--target", "http://h:1", "--conferences", "2",
                "--conference-size", "3")).hasMessageContaining("not both");
        assertThatThrownBy(() -> VoiceBenchOptions.parse("--target", "http://h:1", "--endpoints", "6",
                "--conferences", "4")).hasMessageContaining("at least 2 endpoints");
        assertThatThrownBy(() -> VoiceBenchOptions.parse("--target", "http://h:1", "--payload", "4"))
                .hasMessageContaining("--payload");
        assertThatThrownBy(() -> VoiceBenchOptions.parse("--target", "http://h:1", "--bogus", "1"))
                .hasMessageContaining("unknown option --bogus");
    }
}
