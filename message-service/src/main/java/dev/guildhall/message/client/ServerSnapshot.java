package dev.guildhall.message.client;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionCalculator;
import dev.guildhall.common.permission.PermissionOverwrite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What server-service's {@code /internal/servers/{id}/snapshot} says about a server, reduced to
 * what computing permissions needs: the owner, each role's permissions, each member's roles and
 * each channel's overwrites.
 */
public record ServerSnapshot(long serverId, long ownerId, Map<Long, Long> rolePermissions,
                             Map<Long, List<Long>> memberRoles, List<Channel> channels) {

    public record Channel(long channelId, String type, List<PermissionOverwrite> overwrites) {
    }

    public boolean isMember(long userId) {
        return memberRoles.containsKey(userId);
    }

    /** The user's permissions in every channel of the server (0 everywhere for a non-member), in channel order. */
    public Map<Long, Long> channelPermissions(long userId) {
        Map<Long, Long> result = new LinkedHashMap<>();
        List<Long> roles = memberRoles.get(userId);
        for (Channel channel : channels) {
            long permissions = roles == null ? 0 : PermissionCalculator.compute(serverId, ownerId, userId,
                    rolePermissions, roles, channel.overwrites());
            result.put(channel.channelId(), permissions & Permission.ALL);
        }
        return result;
    }
}
