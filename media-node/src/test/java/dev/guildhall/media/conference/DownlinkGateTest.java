package dev.guildhall.media.conference;

import dev.guildhall.media.ice.IceHarvesters;
import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.Rtcp;
import dev.guildhall.media.rtp.Rtp;
import dev.guildhall.media.sdp.MediaKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver gets a source's packets only once its client answered the offer that adds the source
 * (Chromium cannot demux them earlier), and stops as soon as the node drops the source.
 */
class DownlinkGateTest {

    IceHarvesters harvesters;
    RecordingEngine engine;
    Conference conference;
    Endpoint alice;
    Endpoint bob;
    RecordingChannel toAlice = new RecordingChannel();
    RecordingChannel toBob = new RecordingChannel();

    @BeforeEach
    void setUp() throws Exception {
        harvesters = new IceHarvesters(InetAddress.getByName("127.0.0.1"), 0);
        engine = new RecordingEngine(harvesters);
        conference = new Conference("c1", "c1", "s1", engine, new NodeCounters());
        alice = conference.allocate("a", "100", Permissions.ALL);
        bob = conference.allocate("b", "200", Permissions.ALL);
        alice.attach(toAlice);
        bob.attach(toBob);
        Answers.all(alice, toAlice);
        Answers.all(bob, toBob);
    }

    @AfterEach
    void tearDown() {
        conference.expireAll();
        harvesters.close();
    }

    @Test
    void aNewSourceIsForwardedOnlyAfterTheAnswerAndThenStartsWithAKeyframeRequest() throws Exception {
        int offers = toAlice.offers();
        bob.declareUplink(MediaKind.VIDEO, 3333);
        assertThat(toAlice.offers()).as("re-offered with bob's camera").isEqualTo(offers + 1);

        UplinkRouter fromBob = new UplinkRouter(bob);
        for (int seq = 1; seq <= 3; seq++) {
            fromBob.accept(RtcpRoutingTest.rtp(3333, seq, 96));
        }
        assertThat(alice.receives(3333)).isFalse();
        new RtcpTerminator(alice).accept(Rtcp.pli(1, 3333));
        new RtcpTerminator(alice).accept(RtcpRoutingTest.nack(1, 3333, 1, 0));
        engine.advanceMillis(1_000);

        Answers.all(alice, toAlice);
        assertThat(alice.receives(3333)).isTrue();
        for (int seq = 4; seq <= 6; seq++) {
            fromBob.accept(RtcpRoutingTest.rtp(3333, seq, 96));
        }
        // one queue, in order: had anything gone out before the answer, it would come first
        List<RecordingEngine.Sent> atAlice = engine.drain("a");
        assertThat(atAlice).extracting(s -> Rtp.sequence(s.packet())).containsExactly(4, 5, 6);

        List<RecordingEngine.Sent> atBob = engine.drain("b");
        assertThat(atBob).as("alice's early PLI was not passed on; her answer asked for one keyframe")
                .hasSize(1);
        Packet pli = atBob.get(0).packet();
        Rtcp.Block block = Rtcp.blocks(pli).get(0);
        assertThat(block.fmt()).isEqualTo(Rtcp.FMT_PLI);
        assertThat(Rtcp.mediaSsrc(pli, block)).isEqualTo(3333);
    }

    @Test
    void anAudioSourceStartsWithoutAKeyframeRequest() throws Exception {
        bob.declareUplink(MediaKind.AUDIO, 2222);
        Answers.all(alice, toAlice);
        assertThat(alice.receives(2222)).isTrue();
        new UplinkRouter(bob).accept(RtcpRoutingTest.rtp(2222, 1, 111));
        assertThat(engine.drain("a")).hasSize(1);
        assertThat(engine.drain("b")).isEmpty();
    }

    @Test
    void aSourceStopsAsSoonAsTheNodeDropsItNotWhenTheOfferIsAnswered() {
        bob.declareUplink(MediaKind.VIDEO, 3333);
        Answers.all(alice, toAlice);
        assertThat(alice.receives(3333)).isTrue();
        int offers = toAlice.offers();

        bob.detach(toBob);
        assertThat(toAlice.offers()).as("the offer without it is out").isEqualTo(offers + 1);
        assertThat(alice.receives(3333)).isFalse();
    }
}
