package dev.guildhall.message.channel;

import dev.guildhall.common.permission.Permission;

import java.util.List;

/**
 * What the caller may do in one channel, and where its data lives.
 *
 * @param serverId    the channel's server; null for a direct-message channel
 * @param permissions the caller's computed channel permissions (0 when not a member)
 * @param recipients  a direct-message channel's participants, who receive its events (empty for a server's
 *                    channel, whose audience the websocket-service derives from permissions)
 */
public record ChannelAccess(long channelId, Long serverId, long permissions, List<Long> recipients) {

    public ChannelAccess {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** A server channel's access (no recipient list). */
    public ChannelAccess(long channelId, Long serverId, long permissions) {
        this(channelId, serverId, permissions, List.of());
    }

    public boolean isDm() {
        return serverId == null;
    }

    /** Rows of a server live in the shard of its id, rows of a DM in the shard of the channel id. */
    public long shardKey() {
        return serverId != null ? serverId : channelId;
    }

    public boolean has(Permission permission) {
        return permission.in(permissions);
    }
}
