package dev.guildhall.message.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.Permission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

class AccessPolicyTest {

    static final long SERVER = 1000;
    static final long MEMBER = Permission.DEFAULT_EVERYONE;

    static ChannelAccess server(long permissions) {
        return new ChannelAccess(5, SERVER, permissions);
    }

    static ChannelAccess dm() {
        return new ChannelAccess(5, null, AccessPolicy.DM_PERMISSIONS);
    }

    @Test
    void withoutViewChannelTheChannelDoesNotExist() {
        ChannelAccess blind = server(MEMBER & ~Permission.VIEW_CHANNEL.bit());
        assertCode(() -> AccessPolicy.requireRead(blind), ErrorCode.UNKNOWN_CHANNEL);
        assertCode(() -> AccessPolicy.requireSend(blind), ErrorCode.UNKNOWN_CHANNEL);
        assertCode(() -> AccessPolicy.requireEdit(blind, 1, 1), ErrorCode.UNKNOWN_CHANNEL);
        assertCode(() -> AccessPolicy.requireDelete(blind, 1, 1), ErrorCode.UNKNOWN_CHANNEL);
        assertCode(() -> AccessPolicy.requireReact(blind), ErrorCode.UNKNOWN_CHANNEL);
        assertCode(() -> AccessPolicy.requireManagePins(blind), ErrorCode.UNKNOWN_CHANNEL);
    }

    @Test
    void aNonMemberHasNoPermissionsAndSeesNothing() {
        assertCode(() -> AccessPolicy.requireRead(server(0)), ErrorCode.UNKNOWN_CHANNEL);
    }

    @Test
    void readingNeedsHistoryAndSendingNeedsSend() {
        ChannelAccess noHistory = server(MEMBER & ~Permission.READ_MESSAGE_HISTORY.bit());
        assertCode(() -> AccessPolicy.requireRead(noHistory), ErrorCode.MISSING_PERMISSIONS);
        ChannelAccess readOnly = server(MEMBER & ~Permission.SEND_MESSAGES.bit());
        assertThatCode(() -> AccessPolicy.requireRead(readOnly)).doesNotThrowAnyException();
        assertCode(() -> AccessPolicy.requireSend(readOnly), ErrorCode.MISSING_PERMISSIONS);
        assertThatCode(() -> AccessPolicy.requireSend(server(MEMBER))).doesNotThrowAnyException();
    }

    @Test
    void onlyTheAuthorEditsEvenWithManageMessages() {
        ChannelAccess moderator = server(MEMBER | Permission.MANAGE_MESSAGES.bit());
        assertThatCode(() -> AccessPolicy.requireEdit(moderator, 7, 7)).doesNotThrowAnyException();
        assertCode(() -> AccessPolicy.requireEdit(moderator, 8, 7), ErrorCode.NOT_MESSAGE_AUTHOR);
    }

    @Test
    void theAuthorOrManageMessagesDeletes() {
        assertThatCode(() -> AccessPolicy.requireDelete(server(MEMBER), 7, 7)).doesNotThrowAnyException();
        assertCode(() -> AccessPolicy.requireDelete(server(MEMBER), 8, 7), ErrorCode.MISSING_PERMISSIONS);
        assertThatCode(() -> AccessPolicy.requireDelete(server(MEMBER | Permission.MANAGE_MESSAGES.bit()), 8, 7))
                .doesNotThrowAnyException();
        assertCode(() -> AccessPolicy.requireDelete(dm(), 8, 7), ErrorCode.MISSING_PERMISSIONS);
    }

    @Test
    void reactingNeedsAddReactions() {
        assertThatCode(() -> AccessPolicy.requireReact(server(MEMBER))).doesNotThrowAnyException();
        assertCode(() -> AccessPolicy.requireReact(server(MEMBER & ~Permission.ADD_REACTIONS.bit())),
                ErrorCode.MISSING_PERMISSIONS);
    }

    @Test
    void pinningNeedsManageMessagesExceptInDms() {
        assertCode(() -> AccessPolicy.requireManagePins(server(MEMBER)), ErrorCode.MISSING_PERMISSIONS);
        assertThatCode(() -> AccessPolicy.requireManagePins(server(MEMBER | Permission.MANAGE_MESSAGES.bit())))
                .doesNotThrowAnyException();
        assertThatCode(() -> AccessPolicy.requireManagePins(dm())).doesNotThrowAnyException();
    }

    @Test
    void everyoneIsEffectiveOnlyWithMentionEveryoneAndNeverInDms() {
        assertThat(AccessPolicy.mentionsEveryone(server(MEMBER), true)).isTrue();
        assertThat(AccessPolicy.mentionsEveryone(server(MEMBER & ~Permission.MENTION_EVERYONE.bit()), true)).isFalse();
        assertThat(AccessPolicy.mentionsEveryone(server(MEMBER), false)).isFalse();
        assertThat(AccessPolicy.mentionsEveryone(new ChannelAccess(5, null, Permission.ALL), true)).isFalse();
    }

    @Test
    void dmParticipantsReadSendAndReact() {
        assertThatCode(() -> {
            AccessPolicy.requireRead(dm());
            AccessPolicy.requireSend(dm());
            AccessPolicy.requireReact(dm());
        }).doesNotThrowAnyException();
        assertThat(dm().shardKey()).isEqualTo(5);
        assertThat(server(MEMBER).shardKey()).isEqualTo(SERVER);
    }

    @Test
    void canReadNeedsViewAndHistory() {
        assertThat(AccessPolicy.canRead(MEMBER)).isTrue();
        assertThat(AccessPolicy.canRead(Permission.VIEW_CHANNEL.bit())).isFalse();
        assertThat(AccessPolicy.canRead(Permission.READ_MESSAGE_HISTORY.bit())).isFalse();
    }

    private static void assertCode(Executable call, ErrorCode code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(GuildhallException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
