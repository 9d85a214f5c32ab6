package dev.guildhall.message.db;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shard databases and the global one; none of them is a Spring DataSource bean (ADR 002). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
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
            boolean down = false;
            for (Shard shard : shards.all()) {
                boolean up = ping(() -> shard.jdbc().sql("SELECT 1").query(Integer.class).single());
                health.withDetail(shard.name(), up ? "UP" : "DOWN");
                down |= !up;
            }
            boolean globalUp = ping(() -> global.jdbc().sql("SELECT 1").query(Integer.class).single());
            health.withDetail("global", globalUp ? "UP" : "DOWN");
            health.withDetail("logical_shards", shards.router().logicalShards());
            return (down || !globalUp) ? health.down().build() : health.build();
        };
    }

    private static boolean ping(Runnable query) {
        try {
            query.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
