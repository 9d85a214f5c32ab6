package dev.guildhall.media.conference;

import dev.guildhall.media.sdp.Downlink;
import dev.guildhall.media.sdp.MediaKind;
import dev.guildhall.media.sdp.OfferBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NegotiationTest {

    final Endpoint owner = new Endpoint("e", "42", Permissions.ALL, null, null);

    @Test
    void oneOfferAtATimeAndAReofferIsDueAfterTheAnswer() {
        Negotiation n = new Negotiation(new OfferBuilder("1", "u", "p", "AA", List.of()));
        assertThat(n.offer()).isNotNull();
        assertThat(n.offer()).as("no second offer while one is outstanding").isNull();
        assertThat(n.answered()).as("the change waits for the answer").isTrue();
        assertThat(n.offer()).isNotNull();
        assertThat(n.answered()).isFalse();
    }

    @Test
    void aDepartedSourcesSlotTurnsInactiveAndIsReusedBySameMediaType() {
        Negotiation n = new Negotiation(new OfferBuilder("1", "u", "p", "AA", List.of()));
        Source audio = new Source(owner, MediaKind.AUDIO, 10);
        Source video = new Source(owner, MediaKind.VIDEO, 20);
        assertThat(n.sync(List.of(audio, video))).isTrue();
        assertThat(n.sync(List.of(audio, video))).isFalse();
        assertThat(n.sync(List.of(video))).isTrue();
        assertThat(n.downlinks()).extracting(Downlink::active).containsExactly(false, true);
        assertThat(n.sends(10)).isFalse();

        Source screen = new Source(owner, MediaKind.SCREEN, 30);
        Source audio2 = new Source(owner, MediaKind.AUDIO, 40);
        n.sync(List.of(video, screen, audio2));
        assertThat(n.downlinks()).extracting(Downlink::mid).containsExactly("d0", "d1", "d2");
        assertThat(n.downlinks().get(0).ssrc()).as("audio reuses the audio slot").isEqualTo(40);
        assertThat(n.downlinks().get(2).kind()).isEqualTo(MediaKind.SCREEN);
    }
}
