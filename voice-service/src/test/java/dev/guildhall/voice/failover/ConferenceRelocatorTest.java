package dev.guildhall.voice.failover;

import dev.guildhall.voice.join.Placement;
import dev.guildhall.voice.join.VoiceService;
import dev.guildhall.voice.state.VoiceSession;
import dev.guildhall.voice.support.FakeMediaNodes.Call;
import dev.guildhall.voice.support.VoiceFixture;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static dev.guildhall.voice.support.VoiceFixture.LOBBY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** Moving a conference off a dead or draining node, against fake media nodes. */
class ConferenceRelocatorTest {

    final VoiceFixture f = new VoiceFixture();
    final VoiceService voice = new VoiceService(f.access, f.nodes, f.allocator, f.sessions, f.events, f.properties,
            f.clock);
    final ConferenceRelocator relocator = new ConferenceRelocator(f.sessions, f.nodes, f.access, f.allocator,
            f.events, f.properties, f.clock);

    @Test
    void everyMemberGetsAnEndpointOnALiveNodeAndIsToldWhereToReconnect() {
        f.nodes.node("old", 0, f.now);
        Placement one = voice.join(1, LOBBY);
        Placement two = voice.join(2, LOBBY);
        f.nodes.dead("old").node("new", 3, f.now);

        assertThat(relocator.relocate(LOBBY, "old")).isTrue();

        assertThat(f.sessions.conferenceNode(LOBBY)).contains("new");
        List<VoiceSession> moved = f.sessions.inChannel(LOBBY);
        assertThat(moved).extracting(VoiceSession::nodeId).containsOnly("new");
        assertThat(moved).extracting(VoiceSession::sessionId)
                .doesNotContain(one.session().sessionId(), two.session().sessionId());
        assertThat(f.nodes.calls("allocate")).filteredOn(c -> c.nodeId().equals("new"))
                .extracting(Call::userId).containsExactlyInAnyOrder(1L, 2L);
        for (VoiceSession s : moved) {
            verify(f.events).serverMoved(eq(s), eq("ws://gateway/media/new/signal"), argThat(t -> !t.isBlank()));
        }
        // a dead node is not asked to free anything
        assertThat(f.nodes.calls("expireConference")).isEmpty();
    }

    @Test
    void aDrainingNodeStillUpForwardsUntilTheMembersHadARoundToMoveThenItsOldConferenceIsFreed() {
        f.nodes.node("old", 0, f.now);
        voice.join(1, LOBBY);
        f.nodes.draining("old", f.now).node("new", 0, f.now);
        Instant[] now = {f.now};
        Clock moving = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ConferenceRelocator relocator = new ConferenceRelocator(f.sessions, f.nodes, f.access, f.allocator,
                f.events, f.properties, moving);

        assertThat(relocator.relocate(LOBBY, "old")).isTrue();
        assertThat(f.sessions.ofUser(1)).hasValueSatisfying(s -> assertThat(s.nodeId()).isEqualTo("new"));

        relocator.freeMovedConferences();
        assertThat(f.nodes.calls("expireConference")).as("not while the member reconnects").isEmpty();

        now[0] = f.now.plus(f.properties.watchdogInterval());
        relocator.freeMovedConferences();
        assertThat(f.nodes.calls("expireConference")).as("not within the move grace").isEmpty();

        now[0] = f.now.plus(f.properties.moveGrace());
        relocator.freeMovedConferences();
        assertThat(f.nodes.calls("expireConference")).extracting(Call::nodeId, Call::channelId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old", LOBBY));
        relocator.freeMovedConferences();
        assertThat(f.nodes.calls("expireConference")).as("once").hasSize(1);
    }

    @Test
    void withoutALiveNodeTheConferenceWaitsForTheNextRound() {
        f.nodes.node("old", 0, f.now);
        VoiceSession one = voice.join(1, LOBBY).session();
        f.nodes.dead("old");

        assertThat(relocator.relocate(LOBBY, "old")).isFalse();

        assertThat(f.sessions.conferenceNode(LOBBY)).contains("old");
        assertThat(f.sessions.ofUser(1)).contains(one);
        verify(f.events, never()).serverMoved(any(), anyString(), anyString());
    }

    @Test
    void anEmptyConferenceIsForgotten() {
        f.sessions.setConferenceNode(LOBBY, "old");

        assertThat(relocator.relocate(LOBBY, "old")).isTrue();

        assertThat(f.sessions.conferences()).isEmpty();
    }
}
