package dev.guildhall.message.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds pools and runs this service's migrations on them. */
final class Databases {

    /** Flyway history table of message-service in every database it shares (ADR 003). */
    static final String HISTORY_TABLE = "flyway_history_message";

    private Databases() {
    }

    static HikariDataSource pool(String name, String url, DatabaseProperties props, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("message-" + name);
        config.setJdbcUrl(url);
        config.setUsername(props.username());
        config.setPassword(props.password() == null ? "" : props.password());
        config.setMaximumPoolSize(props.poolSize());
        config.setMinimumIdle(Math.min(2, props.poolSize()));
        config.setConnectionTimeout(5_000);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new HikariDataSource(config);
    }

    static void migrate(HikariDataSource dataSource, String location) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    static Shard shard(int index, HikariDataSource dataSource) {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return new Shard(index, "shard-" + index, dataSource, JdbcClient.create(dataSource), tx);
    }
}
