package dev.guildhall.message.channel;

import dev.guildhall.common.permission.Permission;

/**
 * What the caller may do in one channel, and where its data lives.
 *
 * @param serverId    the channel's server; null for a direct-message channel
 * @param permissions the caller's computed channel permissions (0 when not a member)
 */
public record ChannelAccess(long channelId, Long serverId, long permissions) {

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
