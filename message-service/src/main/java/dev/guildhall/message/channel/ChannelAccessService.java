package dev.guildhall.message.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.message.client.ChannelPermissions;
import dev.guildhall.message.dm.DmChannel;
import dev.guildhall.message.dm.DmDirectory;
import dev.guildhall.message.dm.GroupDm;
import dev.guildhall.message.dm.GroupDmService;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Finds out what a user may do in a channel: a direct-message channel answers from its two
 * participants, a group DM from its current recipients (ADR 199), a server channel from server-service's permission computation (cached).
 * A channel nobody knows, or a DM the caller is not part of, is {@code UNKNOWN_CHANNEL}.
 */
@Service
public class ChannelAccessService {

    private final DmDirectory dms;
    private final GroupDmService groups;
    private final PermissionCache permissions;

    public ChannelAccessService(DmDirectory dms, GroupDmService groups, PermissionCache permissions) {
        this.dms = dms;
        this.groups = groups;
        this.permissions = permissions;
    }

    public ChannelAccess resolve(long userId, long channelId) {
        Optional<DmChannel> dm = dms.find(channelId);
        if (dm.isPresent()) {
            if (!dm.get().hasParticipant(userId)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL);
            }
            return new ChannelAccess(channelId, null, AccessPolicy.DM_PERMISSIONS, dm.get().participants());
        }
        Optional<GroupDm> group = group(channelId);
        if (group.isPresent()) {
            // only current recipients: someone removed sees nothing of it any more
            if (!group.get().hasRecipient(userId)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL);
            }
            return new ChannelAccess(channelId, null, AccessPolicy.DM_PERMISSIONS, group.get().recipients());
        }
        ChannelPermissions answer = permissions.get(userId, channelId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
        dms.rememberServerChannel(channelId);
        return new ChannelAccess(channelId, answer.serverId(), answer.member() ? answer.permissions() : 0);
    }

    /**
     * A channel as a trusted writer sees it (the internal write path, ADR 155): it must exist, nothing
     * more is checked. A server channel carries {@code actingUserId}'s permissions (0 for a webhook, which
     * is no member), so {@code @everyone} still needs MENTION_EVERYONE for a bot.
     */
    public ChannelAccess existing(long actingUserId, long channelId) {
        Optional<DmChannel> dm = dms.find(channelId);
        if (dm.isPresent()) {
            return new ChannelAccess(channelId, null, AccessPolicy.DM_PERMISSIONS, dm.get().participants());
        }
        Optional<GroupDm> group = group(channelId);
        if (group.isPresent()) {
            return new ChannelAccess(channelId, null, AccessPolicy.DM_PERMISSIONS, group.get().recipients());
        }
        ChannelPermissions answer = permissions.get(actingUserId, channelId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
        dms.rememberServerChannel(channelId);
        return new ChannelAccess(channelId, answer.serverId(), answer.member() ? answer.permissions() : 0);
    }

    /**
     * A group DM's current state, read each time (its recipients change); skipped for channels
     * server-service has already recognised.
     */
    private Optional<GroupDm> group(long channelId) {
        return dms.isServerChannel(channelId) ? Optional.empty() : groups.find(channelId);
    }

    /** Resolves and requires VIEW_CHANNEL. */
    public ChannelAccess visible(long userId, long channelId) {
        ChannelAccess access = resolve(userId, channelId);
        AccessPolicy.requireView(access);
        return access;
    }
}
