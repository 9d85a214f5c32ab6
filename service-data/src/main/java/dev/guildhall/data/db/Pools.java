package dev.guildhall.data.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds pools with the one set of settings and runs a service's migrations on them. */
final class Pools {

    private Pools() {
    }

    static HikariDataSource pool(String poolName, String url, DatabaseProperties props, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url);
        config.setUsername(props.username());
        config.setPassword(props.password() == null ? "" : props.password());
        config.setMaximumPoolSize(props.poolSize());
        config.setMinimumIdle(props.minimumIdle());
        config.setConnectionTimeout(props.connectionTimeout().toMillis());
        // the first connection is retried for this long instead of one attempt bounded by the connection timeout
        // (which Hikari also makes the driver's login timeout: 1 s in message-service, ADR 247)
        config.setInitializationFailTimeout(Math.max(1, props.startupTimeout().toMillis()));
        if (registry != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        return new HikariDataSource(config);
    }

    static void migrate(HikariDataSource dataSource, String historyTable, String location) {
        if (location == null || location.isBlank()) {
            return;
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(historyTable)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    static Shard database(int index, String name, javax.sql.DataSource dataSource) {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return new Shard(index, name, dataSource, JdbcClient.create(dataSource), tx);
    }
}
