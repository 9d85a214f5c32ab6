package dev.guildhall.voice.state;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class VoiceStateTest {

    private final VoiceState state = new VoiceState("1", "2", "3", "s", false, false, false, false, false, false,
            Instant.EPOCH, "media-1");

    @Test
    void absentFlagsStayAsTheyAre() {
        VoiceState video = state.withSelf(null, null, true, null);
        assertThat(video.selfVideo()).isTrue();
        assertThat(video.withSelf(true, null, null, null)).satisfies(s -> {
            assertThat(s.selfMute()).isTrue();
            assertThat(s.selfVideo()).isTrue();
        });
    }

    @Test
    void deafeningYourselfMutesYouToo() {
        VoiceState deaf = state.withSelf(null, true, null, null);
        assertThat(deaf.selfDeaf()).isTrue();
        assertThat(deaf.selfMute()).isTrue();
        assertThat(deaf.withSelf(false, null, null, null).selfMute()).isTrue();
    }

    @Test
    void leavingClearsTheChannelButKeepsWhoAndWhere() {
        VoiceState left = state.withSelf(true, null, true, true).left();
        assertThat(left.channelId()).isNull();
        assertThat(left.userId()).isEqualTo("3");
        assertThat(left.serverId()).isEqualTo("1");
        assertThat(left.selfVideo()).isFalse();
    }
}
