package dev.guildhall.server.access;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.server.directory.DirectoryRepository;
import dev.guildhall.server.member.MemberRepository;
import dev.guildhall.server.role.RoleRepository;
import dev.guildhall.server.server.ServerRepository;
import dev.guildhall.server.server.ServerRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/**
 * The entry to every server-scoped operation: finds the server's shard, loads the server and the
 * caller as a member. Someone who is not a member gets the same 404 as for a server that does not
 * exist (no existence oracle); what a member may do is then asked of their {@link Actor}.
 */
@Component
public class ServerAccess {

    private final ShardDatabases shards;
    private final ServerRepository servers;
    private final RoleRepository roles;
    private final MemberRepository members;
    private final DirectoryRepository directory;

    public ServerAccess(ShardDatabases shards, ServerRepository servers, RoleRepository roles, MemberRepository members,
                        DirectoryRepository directory) {
        this.shards = shards;
        this.servers = servers;
        this.roles = roles;
        this.members = members;
        this.directory = directory;
    }

    /** For reads: the server and the caller, or {@code notFound}. */
    public Scope read(long serverId, long userId, ErrorCode notFound) {
        Shard shard = shards.forKey(serverId);
        ServerRow server = servers.find(shard.jdbc(), serverId).orElseThrow(() -> GuildhallException.notFound(notFound));
        Actor actor = actor(shard.jdbc(), server, userId).orElseThrow(() -> GuildhallException.notFound(notFound));
        return new Scope(shard, server, actor);
    }

    /**
     * For writes: one transaction on the server's shard that first locks the server row, so every
     * invariant checked by {@code work} holds until it commits.
     */
    public <T> T write(long serverId, long userId, ErrorCode notFound, Function<Scope, T> work) {
        Shard shard = shards.forKey(serverId);
        return shard.inTransaction(() -> {
            ServerRow server = servers.lock(shard.jdbc(), serverId)
                    .orElseThrow(() -> GuildhallException.notFound(notFound));
            Actor actor = actor(shard.jdbc(), server, userId).orElseThrow(() -> GuildhallException.notFound(notFound));
            return work.apply(new Scope(shard, server, actor));
        });
    }

    /** The member as the permission model sees them; empty if they are not a member. */
    public Optional<Actor> actor(JdbcClient db, ServerRow server, long userId) {
        if (!members.exists(db, server.serverId(), userId)) {
            return Optional.empty();
        }
        return Optional.of(new Actor(server.serverId(), server.ownerId(), userId, roles.refs(db, server.serverId()),
                members.roles(db, server.serverId(), userId)));
    }

    /** The server a channel id belongs to, from the global directory; 404 if unknown. */
    public long serverOfChannel(long channelId) {
        return directory.serverOfChannel(channelId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
    }

    public Shard shardOf(long serverId) {
        return shards.forKey(serverId);
    }
}
