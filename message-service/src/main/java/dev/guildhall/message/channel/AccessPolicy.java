package dev.guildhall.message.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.Permission;

/**
 * The permission decisions of message-service, as pure functions of a {@link ChannelAccess}
 * (ADR 063). A channel the caller cannot see does not exist for them: {@code UNKNOWN_CHANNEL},
 * never 403. Seeing it but lacking a permission is {@code MISSING_PERMISSIONS}.
 */
public final class AccessPolicy {

    /** What each participant of a direct-message channel may do. */
    public static final long DM_PERMISSIONS = Permission.of(Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES,
            Permission.READ_MESSAGE_HISTORY, Permission.ADD_REACTIONS, Permission.EMBED_LINKS,
            Permission.ATTACH_FILES);

    private AccessPolicy() {
    }

    public static void requireView(ChannelAccess access) {
        if (!access.has(Permission.VIEW_CHANNEL)) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL);
        }
    }

    /** Reading messages: VIEW_CHANNEL and READ_MESSAGE_HISTORY. */
    public static void requireRead(ChannelAccess access) {
        requireView(access);
        require(access, Permission.READ_MESSAGE_HISTORY);
    }

    public static void requireSend(ChannelAccess access) {
        requireView(access);
        require(access, Permission.SEND_MESSAGES);
    }

    /** Only the author edits a message, whatever their permissions. */
    public static void requireEdit(ChannelAccess access, long callerId, long authorId) {
        requireView(access);
        if (callerId != authorId) {
            throw new GuildhallException(ErrorCode.NOT_MESSAGE_AUTHOR, "Only the author can edit a message");
        }
    }

    /** The author deletes their own message; MANAGE_MESSAGES deletes anyone's (not in DMs). */
    public static void requireDelete(ChannelAccess access, long callerId, long authorId) {
        requireView(access);
        if (callerId != authorId && !access.has(Permission.MANAGE_MESSAGES)) {
            throw GuildhallException.missing(Permission.MANAGE_MESSAGES.name());
        }
    }

    /** Adding a reaction: reading plus ADD_REACTIONS. */
    public static void requireReact(ChannelAccess access) {
        requireRead(access);
        require(access, Permission.ADD_REACTIONS);
    }

    /** Pinning: MANAGE_MESSAGES in a server channel; either participant in a DM (as Discord). */
    public static void requireManagePins(ChannelAccess access) {
        requireRead(access);
        if (!access.isDm()) {
            require(access, Permission.MANAGE_MESSAGES);
        }
    }

    /** Whether these channel permissions let a user read the channel's messages (search, history). */
    public static boolean canRead(long permissions) {
        return Permission.VIEW_CHANNEL.in(permissions) && Permission.READ_MESSAGE_HISTORY.in(permissions);
    }

    /** {@code @everyone}/{@code @here} notify only with MENTION_EVERYONE, and never in a DM. */
    public static boolean mentionsEveryone(ChannelAccess access, boolean contentMentionsEveryone) {
        return contentMentionsEveryone && !access.isDm() && access.has(Permission.MENTION_EVERYONE);
    }

    private static void require(ChannelAccess access, Permission permission) {
        if (!access.has(permission)) {
            throw GuildhallException.missing(permission.name());
        }
    }
}
