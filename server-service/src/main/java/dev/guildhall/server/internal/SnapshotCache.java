package dev.guildhall.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.server.channel.ChannelRepository;
import dev.guildhall.server.channel.OverwriteRepository;
import dev.guildhall.server.member.MemberRepository;
import dev.guildhall.server.outbox.ServerChanged;
import dev.guildhall.server.role.RoleRepository;
import dev.guildhall.server.server.ServerRepository;
import dev.guildhall.server.server.ServerRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Server snapshots for the internal endpoints, in a bounded Caffeine cache. An entry is dropped
 * after every local commit that changed its server and whenever a {@code server-events} record
 * for it arrives (so other instances' changes are seen too); Caffeine's {@code invalidate} waits
 * for an in-flight load, so a load that read pre-commit data cannot survive the invalidation.
 */
@Component
public class SnapshotCache {

    private final Cache<Long, Optional<ServerState>> cache;
    private final ShardDatabases shards;
    private final ServerRepository servers;
    private final ChannelRepository channels;
    private final OverwriteRepository overwrites;
    private final RoleRepository roles;
    private final MemberRepository members;

    public SnapshotCache(SnapshotCacheProperties props, MeterRegistry registry, ShardDatabases shards,
                         ServerRepository servers, ChannelRepository channels, OverwriteRepository overwrites,
                         RoleRepository roles, MemberRepository members) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(props.maxSize())
                .expireAfterWrite(props.ttl())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "server_snapshots");
        this.shards = shards;
        this.servers = servers;
        this.channels = channels;
        this.overwrites = overwrites;
        this.roles = roles;
        this.members = members;
    }

    /** The server's state, or empty if there is no such server. */
    public Optional<ServerState> get(long serverId) {
        return cache.get(serverId, this::load);
    }

    public void invalidate(long serverId) {
        cache.invalidate(serverId);
    }

    @EventListener
    public void onServerChanged(ServerChanged changed) {
        invalidate(changed.serverId());
    }

    private Optional<ServerState> load(long serverId) {
        Shard shard = shards.forKey(serverId);
        // one read-only transaction: every part of the snapshot is from the same moment
        return shard.inTransaction(() -> {
            Optional<ServerRow> server = servers.find(shard.jdbc(), serverId);
            return server.map(row -> new ServerState(row, channels.findAll(shard.jdbc(), serverId),
                    overwrites.forServer(shard.jdbc(), serverId), roles.findAll(shard.jdbc(), serverId),
                    members.allWithRoles(shard.jdbc(), serverId)));
        });
    }
}
