package dev.guildhall.message.client;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionCalculator;
import dev.guildhall.common.permission.PermissionOverwrite;

import java.util.ArrayList;
import java.util.HashMap;
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

    /** Reduces server-service's snapshot contract to the permission inputs. */
    public static ServerSnapshot of(long serverId, dev.guildhall.common.internal.ServerSnapshot wire) {
        String ownerText = wire.ownerId() != null ? wire.ownerId()
                : wire.server() != null && wire.server().ownerId() != null ? wire.server().ownerId() : "0";
        Map<Long, Long> roles = new HashMap<>();
        for (var role : wire.roles()) {
            roles.put(Long.parseLong(role.roleId()), Permission.parse(role.permissions()));
        }
        Map<Long, List<Long>> members = new HashMap<>();
        for (var member : wire.members()) {
            members.put(Long.parseLong(member.userId()), member.roles().stream().map(Long::parseLong).toList());
        }
        List<Channel> channels = new ArrayList<>();
        for (var channel : wire.channels()) {
            List<PermissionOverwrite> overwrites = channel.permissionOverwrites().stream()
                    .map(o -> new PermissionOverwrite(Long.parseLong(o.id()), PermissionOverwrite.Type.fromWire(o.type()),
                            Permission.parse(o.allow()), Permission.parse(o.deny())))
                    .toList();
            channels.add(new Channel(Long.parseLong(channel.channelId()),
                    channel.channelType() == null ? "text" : channel.channelType(), overwrites));
        }
        return new ServerSnapshot(serverId, Long.parseLong(ownerText), roles, members, channels);
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
