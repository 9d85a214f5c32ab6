package dev.guildhall.message.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The global database: message-service keeps only the direct-message pair index there (ADR 064). */
public class GlobalDatabase implements AutoCloseable {

    static final String MIGRATIONS = "classpath:db/message/global";

    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;

    public GlobalDatabase(DatabaseProperties props, MeterRegistry registry) {
        this.dataSource = Databases.pool("global", props.globalUrl(), props, registry);
        try {
            Databases.migrate(dataSource, MIGRATIONS);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.jdbc = JdbcClient.create(dataSource);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
