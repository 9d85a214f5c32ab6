package dev.guildhall.voice.state;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The flag rules of a session (moved from VoiceStateTest with VoiceState's behaviour) and its public view. */
class VoiceSessionTest {

    private final VoiceSession state = new VoiceSession(1, 2, 3, "s", false, false, false, false, false, false,
            Instant.EPOCH, "media-1");

    @Test
    void absentFlagsStayAsTheyAre() {
        VoiceSession video = state.withSelf(null, null, true, null);
        assertThat(video.selfVideo()).isTrue();
        assertThat(video.withSelf(true, null, null, null)).satisfies(s -> {
            assertThat(s.selfMute()).isTrue();
            assertThat(s.selfVideo()).isTrue();
        });
    }

    @Test
    void deafeningYourselfMutesYouToo() {
        VoiceSession deaf = state.withSelf(null, true, null, null);
        assertThat(deaf.selfDeaf()).isTrue();
        assertThat(deaf.selfMute()).isTrue();
        assertThat(deaf.withSelf(false, null, null, null).selfMute()).isTrue();
    }

    @Test
    void leavingClearsTheChannelButKeepsWhoAndWhere() {
        VoiceState left = VoiceState.left(state.withSelf(true, null, true, true));
        assertThat(left.channelId()).isNull();
        assertThat(left.userId()).isEqualTo("3");
        assertThat(left.serverId()).isEqualTo("1");
        assertThat(left.selfVideo()).isFalse();
    }

    @Test
    void theViewCarriesIdsAsStringsAndComesBackWithItsNode() {
        VoiceState view = VoiceState.of(state);
        assertThat(view.channelId()).isEqualTo("2");
        assertThat(view.session("media-1")).isEqualTo(state);
    }
}
