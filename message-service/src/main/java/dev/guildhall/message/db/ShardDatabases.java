package dev.guildhall.message.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.guildhall.common.shard.ShardRouter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Every physical shard database, each migrated on start, and the router that picks one from a
 * shard key: the server id, or the channel id of a direct-message channel (DESIGN "Sharding").
 */
public class ShardDatabases implements AutoCloseable {

    static final String MIGRATIONS = "classpath:db/message/shard";

    private final ShardRouter router;
    private final List<Shard> shards;

    public ShardDatabases(DatabaseProperties props, MeterRegistry registry) {
        List<String> urls = props.shardUrls();
        List<Integer> assignment = props.assignment();
        this.router = assignment.isEmpty()
                ? ShardRouter.evenly(Math.max(DatabaseProperties.DEFAULT_LOGICAL_SHARDS, urls.size()), urls.size())
                : new ShardRouter(assignment);
        if (router.physicalShards() != urls.size()) {
            throw new IllegalStateException("GUILDHALL_SHARD_ASSIGNMENT names " + router.physicalShards()
                    + " physical shards but GUILDHALL_DB_URL_SHARDS lists " + urls.size());
        }
        List<Shard> list = new ArrayList<>();
        try {
            for (int i = 0; i < urls.size(); i++) {
                HikariDataSource pool = Databases.pool("shard-" + i, urls.get(i), props, registry);
                list.add(Databases.shard(i, pool));
                Databases.migrate(pool, MIGRATIONS);
            }
        } catch (RuntimeException e) {
            list.forEach(s -> ((HikariDataSource) s.dataSource()).close());
            throw e;
        }
        this.shards = List.copyOf(list);
    }

    /** The shard of a shard key: a server id, or a DM channel's own id. */
    public Shard forKey(long shardKey) {
        return shards.get(router.physicalShard(shardKey));
    }

    public List<Shard> all() {
        return shards;
    }

    public ShardRouter router() {
        return router;
    }

    @Override
    public void close() {
        shards.forEach(s -> ((HikariDataSource) s.dataSource()).close());
    }
}
