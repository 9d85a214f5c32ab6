package dev.guildhall.data.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.function.Supplier;

/**
 * The global database (directory tables, indexes that span shards), migrated on start with the
 * service's own migrations. Not a Spring {@code DataSource} (ADR 002), unless the service already
 * has one for it ({@link #of(DataSource)}).
 */
public class GlobalDatabase implements AutoCloseable {

    public static final String NAME = "global";

    private final Shard database;
    private final HikariDataSource owned;

    public GlobalDatabase(DatabaseProperties props, Migrations migrations, String poolPrefix, MeterRegistry registry) {
        if (props.globalUrl() == null || props.globalUrl().isBlank()) {
            throw new IllegalStateException("GUILDHALL_DB_URL_GLOBAL is not set");
        }
        HikariDataSource pool = Pools.pool(poolPrefix + "-" + NAME, props.globalUrl(), props, registry);
        try {
            Pools.migrate(pool, migrations.historyTable(), migrations.global());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        this.owned = pool;
        this.database = Pools.database(0, NAME, pool);
    }

    private GlobalDatabase(DataSource dataSource) {
        this.owned = null;
        this.database = Pools.database(0, NAME, dataSource);
    }

    /**
     * The global database on a pool the service already has (Boot's {@code spring.datasource},
     * migrated by Boot's Flyway); closing this leaves that pool alone.
     */
    public static GlobalDatabase of(DataSource dataSource) {
        return new GlobalDatabase(dataSource);
    }

    public JdbcClient jdbc() {
        return database.jdbc();
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** The global database with its transaction template, as the outbox writer and relay take it. */
    public Shard database() {
        return database;
    }

    /** Runs {@code work} in one transaction on the global database, retrying a deadlock victim. */
    public <T> T inTransaction(Supplier<T> work) {
        return database.inTransaction(work);
    }

    public void inTransaction(Runnable work) {
        database.inTransaction(work);
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
