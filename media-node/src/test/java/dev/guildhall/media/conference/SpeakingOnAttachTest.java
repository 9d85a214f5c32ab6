package dev.guildhall.media.conference;

import dev.guildhall.media.ice.IceHarvesters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code speaking} frames are changes, so an endpoint that attaches is first told who already speaks. */
class SpeakingOnAttachTest {

    IceHarvesters harvesters;
    Conference conference;
    Endpoint alice;
    Endpoint bob;

    @BeforeEach
    void setUp() throws Exception {
        harvesters = new IceHarvesters(InetAddress.getByName("127.0.0.1"), 0);
        conference = new Conference("c1", "c1", "s1", new RecordingEngine(harvesters), new NodeCounters());
        alice = conference.allocate("a", "100", Permissions.ALL);
        bob = conference.allocate("b", "200", Permissions.ALL);
        alice.attach(new RecordingChannel());
    }

    @AfterEach
    void tearDown() {
        conference.expireAll();
        harvesters.close();
    }

    @Test
    void aLateJoinerHearsWhoIsSpeakingAndTheDominantSpeakerAfterItsFirstOffer() {
        for (int i = 0; i < 3; i++) {
            conference.speakers().level("100", 20, i * 20_000_000L);
        }
        RecordingChannel toBob = new RecordingChannel();
        bob.attach(toBob);

        assertThat(toBob.ops()).containsExactly("ready", "sources", "offer", "speaking", "dominant_speaker");
        assertThat(toBob.frames().get(3).data()).isEqualTo(Map.of("user_id", "100", "speaking", true));
        assertThat(toBob.frames().get(4).data()).isEqualTo(Map.of("user_id", "100"));
    }

    @Test
    void aReconnectingEndpointIsToldAgainOnItsNewConnection() {
        RecordingChannel first = new RecordingChannel();
        bob.attach(first);
        for (int i = 0; i < 3; i++) {
            conference.speakers().level("100", 20, i * 20_000_000L);
        }
        assertThat(first.ops()).endsWith("speaking", "dominant_speaker");

        RecordingChannel second = new RecordingChannel();
        bob.attach(second);
        assertThat(second.ops()).containsExactly("ready", "sources", "offer", "speaking", "dominant_speaker");
    }

    @Test
    void nothingIsSaidInAQuietConference() {
        RecordingChannel toBob = new RecordingChannel();
        bob.attach(toBob);
        assertThat(toBob.ops()).containsExactly("ready", "sources", "offer");
    }
}
