package dev.guildhall.server.internal;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.internal.ServerSnapshot;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.access.Actor;
import dev.guildhall.server.channel.ChannelResponse;
import dev.guildhall.server.channel.ChannelRow;
import dev.guildhall.server.directory.DirectoryRepository;
import dev.guildhall.server.role.RoleResponse;
import dev.guildhall.server.server.ServerResponse;
import dev.guildhall.server.server.ServerService;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Answers other services from the snapshot cache: permissions, server snapshots, a user's servers. */
@Service
public class InternalService {

    private final SnapshotCache snapshots;
    private final DirectoryRepository directory;
    private final ServerService servers;

    public InternalService(SnapshotCache snapshots, DirectoryRepository directory, ServerService servers) {
        this.snapshots = snapshots;
        this.directory = directory;
        this.servers = servers;
    }

    /** The user's permissions in a channel (overwrites applied). */
    public PermissionsAnswer channelPermissions(long userId, long channelId) {
        long serverId = directory.serverOfChannel(channelId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
        ServerState state = state(serverId, ErrorCode.UNKNOWN_CHANNEL);
        ChannelRow channel = state.channel(channelId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
        Optional<Actor> actor = state.actor(userId);
        long permissions = actor.map(a -> a.inChannel(state.overwrites(channel.channelId()))).orElse(0L);
        return new PermissionsAnswer(Snowflake.format(serverId), Snowflake.format(channelId),
                Snowflake.format(userId), actor.isPresent(), Permission.format(permissions), channel.type().wire());
    }

    /** The user's server-wide (base) permissions. */
    public PermissionsAnswer serverPermissions(long userId, long serverId) {
        ServerState state = state(serverId, ErrorCode.UNKNOWN_SERVER);
        Optional<Actor> actor = state.actor(userId);
        return new PermissionsAnswer(Snowflake.format(serverId), null, Snowflake.format(userId),
                actor.isPresent(), Permission.format(actor.map(Actor::base).orElse(0L)), null);
    }

    public ServerSnapshot snapshot(long serverId) {
        ServerState state = state(serverId, ErrorCode.UNKNOWN_SERVER);
        List<ServerSnapshot.Member> members = state.members().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new ServerSnapshot.Member(Snowflake.format(e.getKey()),
                        e.getValue().stream().sorted().map(Snowflake::format).toList()))
                .toList();
        return new ServerSnapshot(snapshotServer(ServerResponse.of(state.server())),
                Snowflake.format(state.server().ownerId()),
                state.channels().stream()
                        .sorted(Comparator.comparingInt(ChannelRow::position).thenComparingLong(ChannelRow::channelId))
                        .map(c -> snapshotChannel(ChannelResponse.of(c, state.overwrites(c.channelId())))).toList(),
                state.roles().stream().map(r -> snapshotRole(RoleResponse.of(r))).toList(),
                members, members.size());
    }

    private static ServerSnapshot.Server snapshotServer(ServerResponse s) {
        return new ServerSnapshot.Server(s.serverId(), s.serverName(), s.ownerId(), s.iconUrl(), s.createdAt());
    }

    private static ServerSnapshot.Channel snapshotChannel(ChannelResponse c) {
        return new ServerSnapshot.Channel(c.channelId(), c.serverId(), c.channelName(), c.channelType(), c.parentId(),
                c.position(), c.permissionOverwrites().stream()
                .map(o -> new ServerSnapshot.Overwrite(o.id(), o.type(), o.allow(), o.deny())).toList());
    }

    private static ServerSnapshot.Role snapshotRole(RoleResponse r) {
        return new ServerSnapshot.Role(r.roleId(), r.serverId(), r.name(), r.permissions(), r.color(), r.position(),
                r.hoist(), r.mentionable());
    }

    public InternalResponses.UserServers serversOf(long userId) {
        return new InternalResponses.UserServers(Snowflake.format(userId),
                servers.mine(userId).stream().map(ServerResponse::serverId).toList());
    }

    private ServerState state(long serverId, ErrorCode notFound) {
        return snapshots.get(serverId).orElseThrow(() -> GuildhallException.notFound(notFound));
    }
}
