package dev.guildhall.media.conference;

import dev.guildhall.media.sdp.Downlink;
import dev.guildhall.media.sdp.MediaKind;
import dev.guildhall.media.sdp.OfferBuilder;
import dev.guildhall.media.sdp.SdpAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NegotiationTest {

    final Endpoint owner = new Endpoint("e", "42", Permissions.ALL, null, null);
    final Negotiation n = new Negotiation(new OfferBuilder("1", "u", "p", "AA", List.of()));
    final Source video = new Source(owner, MediaKind.VIDEO, 20);

    @Test
    void oneOfferAtATimeAndAReofferIsDueAfterTheAnswer() {
        String offer = n.offer();
        assertThat(offer).isNotNull();
        assertThat(n.offer()).as("no second offer while one is outstanding").isNull();
        assertThat(n.answered(accept(offer)).reofferDue()).as("the change waits for the answer").isTrue();
        offer = n.offer();
        assertThat(offer).isNotNull();
        assertThat(n.answered(accept(offer)).reofferDue()).isFalse();
    }

    @Test
    void aDepartedSourcesSlotTurnsInactiveAndIsReusedBySameMediaType() {
        Source audio = new Source(owner, MediaKind.AUDIO, 10);
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

    @Test
    void aSourceIsForwardedOnlyOnceTheAnswerToAnOfferWithItAcceptsIt() {
        n.sync(List.of(video));
        assertThat(n.sends(20)).as("in the downlinks, not yet offered").isFalse();
        String offer = n.offer();
        assertThat(n.sends(20)).as("offered, not yet answered").isFalse();
        Negotiation.Answered answered = n.answered(accept(offer));
        assertThat(n.sends(20)).isTrue();
        assertThat(answered.started()).extracting(Downlink::ssrc).containsExactly(20L);

        assertThat(n.answered(accept(n.offer())).started()).as("started once, not at every answer").isEmpty();
        assertThat(n.sends(20)).isTrue();
    }

    @Test
    void aSourceAddedWhileAnOfferIsOutWaitsForTheAnswerToTheReoffer() {
        String first = n.offer();
        n.sync(List.of(video));
        assertThat(n.offer()).isNull();
        Negotiation.Answered answered = n.answered(accept(first));
        assertThat(answered.reofferDue()).isTrue();
        assertThat(n.sends(20)).as("the answered offer did not have it").isFalse();

        n.answered(accept(n.offer()));
        assertThat(n.sends(20)).isTrue();
    }

    @Test
    void aRemovedSourceStopsAtOnceBeforeTheOfferThatDropsItIsAnswered() {
        n.sync(List.of(video));
        n.answered(accept(n.offer()));
        assertThat(n.sends(20)).isTrue();

        n.sync(List.of());
        assertThat(n.sends(20)).isFalse();
        String offer = n.offer();
        assertThat(n.answered(accept(offer)).started()).isEmpty();
        assertThat(n.sends(20)).isFalse();
    }

    @Test
    void aSlotReusedWhileItsOfferIsOutForwardsNeitherTheOldNorTheNewSourceOnThatAnswer() {
        n.sync(List.of(video));
        String offer = n.offer();
        Source camera2 = new Source(owner, MediaKind.VIDEO, 21);
        n.sync(List.of(camera2));
        assertThat(n.downlinks()).extracting(Downlink::mid).containsExactly("d0");

        assertThat(n.answered(accept(offer)).started()).isEmpty();
        assertThat(n.sends(20)).isFalse();
        assertThat(n.sends(21)).isFalse();
        n.answered(accept(n.offer()));
        assertThat(n.sends(21)).isTrue();
    }

    @Test
    void anMlineTheClientAnswersInactiveIsNotForwardedAndStopsIfItWas() {
        n.sync(List.of(video));
        n.answered(SdpAnswer.parse(Answers.to(n.offer(), Set.of("d0"))));
        assertThat(n.sends(20)).isFalse();

        n.answered(accept(n.offer()));
        assertThat(n.sends(20)).isTrue();
        n.answered(SdpAnswer.parse(Answers.to(n.offer(), Set.of("d0"))));
        assertThat(n.sends(20)).isFalse();
    }

    private static SdpAnswer accept(String offer) {
        return SdpAnswer.parse(Answers.to(offer));
    }
}
