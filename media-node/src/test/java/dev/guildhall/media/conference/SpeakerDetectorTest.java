package dev.guildhall.media.conference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpeakerDetectorTest {

    final List<String> events = new ArrayList<>();
    final SpeakerDetector detector = new SpeakerDetector((u, s) -> events.add(u + (s ? " on" : " off")),
            u -> events.add("dominant " + u));

    @Test
    void speakingStartsAfterAFewLoudPacketsAndEndsAfterTheHangover() {
        long t = 0;
        detector.level("a", 30, t);
        detector.level("a", 30, t += 20_000_000);
        assertThat(events).isEmpty();
        detector.level("a", 30, t += 20_000_000);
        assertThat(events).containsExactly("a on", "dominant a");
        detector.level("a", 127, t += 20_000_000);
        detector.level("a", 127, t += 500_000_000);
        assertThat(events).hasSize(2);
        detector.level("a", 127, t += 500_000_000);
        assertThat(events).containsExactly("a on", "dominant a", "a off");
    }

    @Test
    void theDominantSpeakerChangesOnlyForSomeoneClearlyLouder() {
        long t = 0;
        for (int i = 0; i < 20; i++) {
            detector.level("a", 40, t += 20_000_000);
            detector.level("b", 38, t);
        }
        assertThat(detector.dominant()).isEqualTo("a");
        for (int i = 0; i < 50; i++) {
            detector.level("a", 55, t += 20_000_000);
            detector.level("b", 10, t);
        }
        assertThat(detector.dominant()).isEqualTo("b");
    }

    @Test
    void aTickEndsSpeakingWhenAudioStopsArriving() {
        for (int i = 0; i < 3; i++) {
            detector.level("a", 20, i * 20_000_000L);
        }
        detector.tick(2_000_000_000L);
        assertThat(events).endsWith("a off");
    }

    @Test
    void aReplayTellsWhoIsSpeakingNowAndTheDominantSpeaker() {
        for (int i = 0; i < 3; i++) {
            detector.level("a", 20, i * 20_000_000L);
            detector.level("b", 20, i * 20_000_000L);
            detector.level("c", 127, i * 20_000_000L);
        }
        List<String> replayed = new ArrayList<>();
        detector.replay((u, s) -> replayed.add(u + (s ? " on" : " off")), u -> replayed.add("dominant " + u));
        assertThat(replayed).containsExactlyInAnyOrder("a on", "b on", "dominant a");
        assertThat(replayed).last().isEqualTo("dominant a");

        detector.tick(2_000_000_000L);
        replayed.clear();
        detector.replay((u, s) -> replayed.add(u + (s ? " on" : " off")), u -> replayed.add("dominant " + u));
        assertThat(replayed).as("nobody speaks; the dominant speaker stays until replaced").containsExactly("dominant a");
    }

    @Test
    void aReplayOfAQuietConferenceSaysNothing() {
        detector.level("a", 127, 0);
        List<String> replayed = new ArrayList<>();
        detector.replay((u, s) -> replayed.add(u), replayed::add);
        assertThat(replayed).isEmpty();
    }
}
