package dev.guildhall.message.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.message.client.ChannelPermissions;
import dev.guildhall.message.dm.DmChannel;
import dev.guildhall.message.dm.DmDirectory;
import dev.guildhall.message.dm.GroupDm;
import dev.guildhall.message.dm.GroupDmService;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
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
        Optional<DmChannel> dm;
        Optional<GroupDm> group;
        try {
            dm = dms.find(channelId);
            group = dm.isPresent() ? Optional.empty() : group(channelId);
        } catch (DataAccessResourceFailureException | TransientDataAccessResourceException
                 | RecoverableDataAccessException e) {
            return serverChannelDespite(e, userId, channelId);
        }
        if (dm.isPresent()) {
            if (!dm.get().hasParticipant(userId)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL);
            }
            return new ChannelAccess(channelId, null, AccessPolicy.DM_PERMISSIONS, dm.get().participants());
        }
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
        Optional<DmChannel> dm;
        Optional<GroupDm> group;
        try {
            dm = dms.find(channelId);
            group = dm.isPresent() ? Optional.empty() : group(channelId);
        } catch (DataAccessResourceFailureException | TransientDataAccessResourceException
                 | RecoverableDataAccessException e) {
            return serverChannelDespite(e, actingUserId, channelId);
        }
        if (dm.isPresent()) {
            return new ChannelAccess(channelId, null, AccessPolicy.DM_PERMISSIONS, dm.get().participants());
        }
        if (group.isPresent()) {
            return new ChannelAccess(channelId, null, AccessPolicy.DM_PERMISSIONS, group.get().recipients());
        }
        ChannelPermissions answer = permissions.get(actingUserId, channelId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
        dms.rememberServerChannel(channelId);
        return new ChannelAccess(channelId, answer.serverId(), answer.member() ? answer.permissions() : 0);
    }

    /**
     * The DM lookup could not reach the shard of the channel id (ADR 247). A DM lives there, but a server channel's
     * messages live in its server's shard, which may be up: server-service decides. A channel it does not know may
     * be a DM on the unreachable shard, so the database failure stands (503), never a 404.
     */
    private ChannelAccess serverChannelDespite(RuntimeException unreachable, long userId, long channelId) {
        ChannelPermissions answer = permissions.get(userId, channelId).orElseThrow(() -> unreachable);
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
