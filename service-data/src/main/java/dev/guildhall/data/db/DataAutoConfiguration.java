package dev.guildhall.data.db;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The shard databases ({@code guildhall.db.shard-urls}) and the global database
 * ({@code guildhall.db.global-url}, or else the service's own {@code DataSource}), each migrated
 * with the service's {@link Migrations}, and one {@code databases} health indicator over them
 * (ADR 120).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DataAutoConfiguration {

    private static final Migrations NONE = new Migrations("flyway_schema_history", null, null);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty("guildhall.db.shard-urls")
    ShardDatabases shardDatabases(DatabaseProperties props, ObjectProvider<Migrations> migrations,
                                  ObjectProvider<MeterRegistry> registry, Environment env) {
        return new ShardDatabases(props, migrations.getIfAvailable(() -> NONE), poolPrefix(env),
                registry.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty("guildhall.db.global-url")
    GlobalDatabase globalDatabase(DatabaseProperties props, ObjectProvider<Migrations> migrations,
                                  ObjectProvider<MeterRegistry> registry, Environment env) {
        return new GlobalDatabase(props, migrations.getIfAvailable(() -> NONE), poolPrefix(env),
                registry.getIfAvailable());
    }

    /** {@code databases} health: every shard and the global database answer a trivial query. */
    @Bean
    @ConditionalOnProperty("guildhall.db.shard-urls")
    @ConditionalOnMissingBean(name = "databasesHealthIndicator")
    HealthIndicator databasesHealthIndicator(ShardDatabases shards, ObjectProvider<GlobalDatabase> global) {
        return () -> {
            Health.Builder health = Health.up();
            boolean down = false;
            for (Shard shard : shards.all()) {
                boolean up = ping(shard);
                health.withDetail(shard.name(), up ? "UP" : "DOWN");
                down |= !up;
            }
            GlobalDatabase g = global.getIfAvailable();
            if (g != null) {
                boolean up = ping(g.database());
                health.withDetail(GlobalDatabase.NAME, up ? "UP" : "DOWN");
                down |= !up;
            }
            health.withDetail("logical_shards", shards.router().logicalShards());
            return down ? health.down().build() : health.build();
        };
    }

    private static boolean ping(Shard database) {
        try {
            database.jdbc().sql("SELECT 1").query(Integer.class).single();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String poolPrefix(Environment env) {
        return env.getProperty("spring.application.name", "guildhall");
    }
}
