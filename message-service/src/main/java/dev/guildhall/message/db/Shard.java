package dev.guildhall.message.db;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.function.Supplier;

/**
 * One physical shard database: its pool, a {@link JdbcClient} and a {@link TransactionTemplate}
 * bound to it. Statements on {@link #jdbc()} inside {@link #inTransaction} join that transaction.
 */
public record Shard(int index, String name, DataSource dataSource, JdbcClient jdbc, TransactionTemplate tx) {

    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    public void inTransaction(Runnable work) {
        tx.executeWithoutResult(status -> work.run());
    }
}
