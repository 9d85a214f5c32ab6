package dev.guildhall.voice.join;

import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.support.security.Caller;
import dev.guildhall.voice.support.VoiceFixture;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static dev.guildhall.voice.support.VoiceFixture.LOBBY;
import static dev.guildhall.voice.support.VoiceFixture.STAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The voice-join timer behind the dashboard's "voice join p95" and its 2 s alert (ADR 220). */
class VoiceControllerTest {

    final VoiceFixture f = new VoiceFixture();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final VoiceController controller = new VoiceController(
            new VoiceService(f.access, f.nodes, f.allocator, f.sessions, f.events, f.properties, f.clock), meters);

    @Test
    void aJoinIsTimedUntilTheAnswerNamesTheNodeAndARefusalIsTimedApart() {
        f.nodes.node("quiet", 1, f.now);

        VoiceConnection answer = controller.join(new Caller(1), Long.toString(LOBBY));
        f.nodes.refusing("quiet");
        assertThatThrownBy(() -> controller.join(new Caller(2), Long.toString(STAGE)))
                .isInstanceOf(GuildhallException.class);

        assertThat(answer).isNotNull();
        Timer joined = meters.get("guildhall.voice.join").tag("outcome", "joined").timer();
        Timer refused = meters.get("guildhall.voice.join").tag("outcome", "refused").timer();
        assertThat(joined.count()).isEqualTo(1);
        assertThat(refused.count()).isEqualTo(1);
    }
}
