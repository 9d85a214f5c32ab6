package dev.guildhall.server.db;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shard databases and the global one; none of them is a Spring DataSource bean (ADR 020). */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean(destroyMethod = "close")
    ShardDatabases shardDatabases(DatabaseProperties props, MeterRegistry registry) {
        return new ShardDatabases(props, registry);
    }

    @Bean(destroyMethod = "close")
    GlobalDatabase globalDatabase(DatabaseProperties props, MeterRegistry registry) {
        return new GlobalDatabase(props, registry);
    }

    /** {@code databases} health: every shard and the global database answer a trivial query. */
    @Bean
    HealthIndicator databasesHealthIndicator(ShardDatabases shards, GlobalDatabase global) {
        return () -> {
            Health.Builder health = Health.up();
            for (Shard shard : shards.all()) {
                health.withDetail(shard.name(), ping(() -> shard.jdbc().sql("SELECT 1").query(Integer.class).single()));
            }
            health.withDetail("global", ping(() -> global.jdbc().sql("SELECT 1").query(Integer.class).single()));
            health.withDetail("logical_shards", shards.router().logicalShards());
            boolean down = health.build().getDetails().values().stream().anyMatch("DOWN"::equals);
            return down ? health.down().build() : health.build();
        };
    }

    private static String ping(Runnable query) {
        try {
            query.run();
            return "UP";
        } catch (RuntimeException e) {
            return "DOWN";
        }
    }
}
