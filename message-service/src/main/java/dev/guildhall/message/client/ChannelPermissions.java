package dev.guildhall.message.client;

import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.permission.Permission;

import java.util.Optional;

/**
 * server-service's answer to "what may this user do in this channel".
 *
 * @param member      whether the user is a member of the channel's server
 * @param permissions the computed channel permissions (0 when not a member or without VIEW_CHANNEL)
 */
public record ChannelPermissions(long serverId, long channelId, boolean member, long permissions) {

    /** Reads the wire answer; empty when it names no server (server-service knows no such channel). */
    static Optional<ChannelPermissions> of(PermissionsAnswer answer, long channelId) {
        if (answer == null || answer.serverId() == null || answer.serverId().isEmpty()) {
            return Optional.empty();
        }
        long bits = answer.permissions() == null ? 0 : Permission.parse(answer.permissions());
        return Optional.of(new ChannelPermissions(Long.parseLong(answer.serverId()), channelId, answer.member(),
                answer.member() ? bits : 0));
    }
}
