package dev.guildhall.data.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.guildhall.common.shard.ShardRouter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every physical shard database, each migrated on start with the service's own migrations, and
 * the router that picks one from a shard key: a server id, or the id of a direct-message channel
 * (DESIGN "Sharding"). Not a Spring {@code DataSource} (ADR 002).
 */
public class ShardDatabases implements AutoCloseable {

    private final ShardRouter router;
    private final List<Shard> shards;

    /**
     * @param poolPrefix names the pools ({@code <prefix>-shard-0}, ...) in metrics and logs
     */
    public ShardDatabases(DatabaseProperties props, Migrations migrations, String poolPrefix, MeterRegistry registry) {
        List<String> urls = props.shardUrls();
        if (urls.isEmpty()) {
            throw new IllegalStateException("GUILDHALL_DB_URL_SHARDS lists no shard database");
        }
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
                String name = "shard-" + i;
                HikariDataSource pool = Pools.pool(poolPrefix + "-" + name, urls.get(i), props, registry);
                // the breaker guards request paths from a dead shard (ADR 247); migrations use the pool itself
                list.add(Pools.database(i, name, new GuardedDataSource(poolPrefix + "-" + name, pool)));
                Pools.migrate(pool, migrations.historyTable(), migrations.shard());
            }
        } catch (RuntimeException e) {
            list.forEach(ShardDatabases::closePool);
            throw e;
        }
        this.shards = List.copyOf(list);
    }

    /** The shard of a shard key: a server id, or a DM channel's own id. */
    public Shard forKey(long shardKey) {
        return shards.get(router.physicalShard(shardKey));
    }

    /**
     * Runs {@code work} in one transaction on the shard of {@code shardKey}, retrying a deadlock
     * victim ({@link Shard#inTransaction}).
     */
    public <T> T inShard(long shardKey, Function<Shard, T> work) {
        Shard shard = forKey(shardKey);
        return shard.inTransaction(() -> work.apply(shard));
    }

    public List<Shard> all() {
        return shards;
    }

    public ShardRouter router() {
        return router;
    }

    @Override
    public void close() {
        shards.forEach(ShardDatabases::closePool);
    }

    private static void closePool(Shard shard) {
        try {
            shard.dataSource().unwrap(HikariDataSource.class).close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Shard " + shard.name() + " has no pool to close", e);
        }
    }
}
