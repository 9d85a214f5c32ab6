package dev.guildhall.voice.join;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.voice.VoiceTokenClaims;
import dev.guildhall.common.voice.VoiceTokens;
import dev.guildhall.voice.state.VoiceSession;
import dev.guildhall.voice.support.FakeMediaNodes.Call;
import dev.guildhall.voice.support.VoiceFixture;
import org.junit.jupiter.api.Test;

import static dev.guildhall.voice.support.VoiceFixture.LOBBY;
import static dev.guildhall.voice.support.VoiceFixture.MEMBER_BITS;
import static dev.guildhall.voice.support.VoiceFixture.SERVER;
import static dev.guildhall.voice.support.VoiceFixture.STAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

/** Joining, moving and leaving against fake media nodes. */
class VoiceServiceTest {

    final VoiceFixture f = new VoiceFixture();
    final VoiceService voice = new VoiceService(f.access, f.nodes, f.allocator, f.sessions, f.events, f.properties,
            f.clock);

    @Test
    void aChannelsFirstMemberOpensItsConferenceOnTheLeastLoadedNodeAndEveryoneElseMeetsThere() throws Exception {
        f.nodes.node("busy", 50, f.now).node("quiet", 1, f.now);

        Placement first = voice.join(1, LOBBY);
        f.nodes.node("quiet", 500, f.now); // now the busier one: the conference stays where it is
        Placement second = voice.join(2, LOBBY);

        assertThat(first.session().nodeId()).isEqualTo("quiet");
        assertThat(second.session().nodeId()).isEqualTo("quiet");
        assertThat(f.sessions.conferenceNode(LOBBY)).contains("quiet");
        assertThat(f.nodes.calls("allocate")).extracting(Call::userId).containsExactly(1L, 2L);
        assertThat(first.endpoint()).isEqualTo("ws://gateway/media/quiet/signal");
        VoiceTokenClaims claims = new VoiceTokens(VoiceFixture.SECRET).verify(first.voiceToken(), f.now);
        assertThat(claims.sessionId()).isEqualTo(first.session().sessionId());
        assertThat(claims.channelId()).isEqualTo(Long.toString(LOBBY));
        assertThat(f.sessions.ofUser(2)).hasValueSatisfying(s -> assertThat(s.serverId()).isEqualTo(SERVER));
        verify(f.events).stateChanged(first.session());
    }

    @Test
    void aNodeThatRefusesIsSkippedAndWithoutAnyNodeJoiningIsNoMediaNode() {
        f.nodes.node("a", 0, f.now).node("b", 5, f.now).refusing("a");

        assertThat(voice.join(1, LOBBY).session().nodeId()).isEqualTo("b");

        f.nodes.refusing("b");
        assertThatThrownBy(() -> voice.join(2, STAGE)).isInstanceOfSatisfying(GuildhallException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_MEDIA_NODE));
    }

    @Test
    void joiningWithoutConnectIsRefused() {
        f.nodes.node("a", 0, f.now);
        f.permissions(3, LOBBY, Permission.VIEW_CHANNEL.bit());

        assertThatThrownBy(() -> voice.join(3, LOBBY)).isInstanceOfSatisfying(GuildhallException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PERMISSIONS));
        assertThat(f.nodes.calls()).isEmpty();
    }

    @Test
    void leavingFreesTheEndpointAndTheLastToLeaveClosesTheConference() {
        f.nodes.node("a", 0, f.now);
        VoiceSession one = voice.join(1, LOBBY).session();
        VoiceSession two = voice.join(2, LOBBY).session();

        voice.leave(1, LOBBY);
        assertThat(f.nodes.calls("expireEndpoint")).extracting(Call::sessionId).containsExactly(one.sessionId());
        assertThat(f.sessions.conferenceNode(LOBBY)).contains("a");

        voice.leave(2, LOBBY);
        assertThat(f.nodes.calls("expireConference")).extracting(Call::channelId).containsExactly(LOBBY);
        assertThat(f.sessions.conferenceNode(LOBBY)).isEmpty();
        assertThat(f.sessions.ofUser(2)).isEmpty();
        verify(f.events).left(two);
    }

    @Test
    void joiningAnotherChannelLeavesTheFirst() {
        f.nodes.node("a", 0, f.now);
        VoiceSession inLobby = voice.join(1, LOBBY).session();

        voice.join(1, STAGE);

        assertThat(f.sessions.ofUser(1)).hasValueSatisfying(s -> assertThat(s.channelId()).isEqualTo(STAGE));
        assertThat(f.nodes.calls("expireConference")).extracting(Call::channelId).containsExactly(LOBBY);
        verify(f.events).left(inLobby);
    }

    @Test
    void aModeratorMovesAMemberWhoGetsANewEndpointAndToken() {
        f.nodes.node("a", 0, f.now);
        long moderator = 9;
        f.permissions(moderator, LOBBY, MEMBER_BITS | Permission.MOVE_MEMBERS.bit());
        f.permissions(moderator, STAGE, MEMBER_BITS | Permission.MOVE_MEMBERS.bit());
        VoiceSession before = voice.join(1, LOBBY).session();

        VoiceSession moved = voice.moderate(moderator, LOBBY, 1,
                new VoiceRequests.Moderation(null, null, Long.toString(STAGE)));

        assertThat(moved.channelId()).isEqualTo(STAGE);
        assertThat(moved.sessionId()).isNotEqualTo(before.sessionId());
        assertThat(f.sessions.ofUser(1)).contains(moved);
        assertThat(f.sessions.conferenceNode(STAGE)).contains("a");
        assertThat(f.nodes.calls("expireConference")).extracting(Call::channelId).containsExactly(LOBBY);
        verify(f.events).serverMoved(eq(moved), eq("ws://gateway/media/a/signal"), argThat(t -> !t.isBlank()));
    }

    @Test
    void movingNeedsMoveMembers() {
        f.nodes.node("a", 0, f.now);
        voice.join(1, LOBBY);

        assertThatThrownBy(() -> voice.moderate(2, LOBBY, 1,
                new VoiceRequests.Moderation(null, null, Long.toString(STAGE))))
                .isInstanceOfSatisfying(GuildhallException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PERMISSIONS));
        assertThat(f.sessions.ofUser(1)).hasValueSatisfying(s -> assertThat(s.channelId()).isEqualTo(LOBBY));
    }
}
