package dev.guildhall.data.db;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * One database — a physical shard, or the global database — with its pool, a {@link JdbcClient}
 * and a {@link TransactionTemplate} bound to it. Statements on {@link #jdbc()} inside
 * {@link #inTransaction} join that transaction.
 *
 * <p>A transaction InnoDB chose as a deadlock victim is rolled back whole and run again (at most
 * {@value #DEADLOCK_ATTEMPTS} times): the work must therefore not depend on side effects outside the
 * database made by an earlier attempt. A lock-wait timeout is not retried: it has already waited
 * {@code innodb_lock_wait_timeout}, and waiting as long again would only hide the contention
 * (ADR 121).
 */
public record Shard(int index, String name, DataSource dataSource, JdbcClient jdbc, TransactionTemplate tx) {

    static final int DEADLOCK_ATTEMPTS = 3;
    /** MySQL/MariaDB ER_LOCK_DEADLOCK. */
    private static final int ER_LOCK_DEADLOCK = 1213;

    public <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> work.get());
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == ER_LOCK_DEADLOCK) {
                return true;
            }
        }
        return false;
    }
}
