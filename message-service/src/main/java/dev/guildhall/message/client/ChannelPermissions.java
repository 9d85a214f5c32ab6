package dev.guildhall.message.client;

/**
 * server-service's answer to "what may this user do in this channel".
 *
 * @param member      whether the user is a member of the channel's server
 * @param permissions the computed channel permissions (0 when not a member or without VIEW_CHANNEL)
 */
public record ChannelPermissions(long serverId, long channelId, boolean member, long permissions) {
}
