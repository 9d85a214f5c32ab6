package dev.guildhall.server.internal;

import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.server.access.Actor;
import dev.guildhall.server.access.RoleRef;
import dev.guildhall.server.channel.ChannelRow;
import dev.guildhall.server.role.RoleRow;
import dev.guildhall.server.server.ServerRow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything the permission model needs about one server, read at one moment; immutable. */
public final class ServerState {

    private final ServerRow server;
    private final List<ChannelRow> channels;
    private final Map<Long, List<PermissionOverwrite>> overwrites;
    private final List<RoleRow> roles;
    private final Map<Long, RoleRef> roleRefs;
    private final Map<Long, Set<Long>> members;

    public ServerState(ServerRow server, List<ChannelRow> channels, Map<Long, List<PermissionOverwrite>> overwrites,
                       List<RoleRow> roles, Map<Long, Set<Long>> members) {
        this.server = server;
        this.channels = List.copyOf(channels);
        this.overwrites = Map.copyOf(overwrites);
        this.roles = List.copyOf(roles);
        Map<Long, RoleRef> refs = new LinkedHashMap<>();
        roles.forEach(r -> refs.put(r.roleId(), r.ref()));
        this.roleRefs = Map.copyOf(refs);
        this.members = Map.copyOf(members);
    }

    public ServerRow server() {
        return server;
    }

    public List<ChannelRow> channels() {
        return channels;
    }

    public List<PermissionOverwrite> overwrites(long channelId) {
        return overwrites.getOrDefault(channelId, List.of());
    }

    public List<RoleRow> roles() {
        return roles;
    }

    /** Every member's role ids (without @everyone). */
    public Map<Long, Set<Long>> members() {
        return members;
    }

    public Optional<ChannelRow> channel(long channelId) {
        return channels.stream().filter(c -> c.channelId() == channelId).findFirst();
    }

    /** The user as the permission model sees them, if a member. */
    public Optional<Actor> actor(long userId) {
        Set<Long> memberRoles = members.get(userId);
        if (memberRoles == null) {
            return Optional.empty();
        }
        return Optional.of(new Actor(server.serverId(), server.ownerId(), userId, roleRefs, memberRoles));
    }
}
