package dev.guildhall.data.db;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {

    /** Runs the callback without a database: only the retry logic is under test. */
    static final TransactionTemplate DIRECT = new TransactionTemplate() {
        @Override
        public <T> T execute(TransactionCallback<T> action) throws TransactionException {
            return action.doInTransaction(null);
        }
    };

    final Shard shard = new Shard(0, "shard-0", null, null, DIRECT);

    static PessimisticLockingFailureException deadlock() {
        return new PessimisticLockingFailureException("deadlock",
                new SQLException("Deadlock found when trying to get lock", "40001", 1213));
    }

    @Test
    void aDeadlockVictimRunsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        String result = shard.inTransaction(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw deadlock();
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void givesUpAfterThreeAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> shard.inTransaction(() -> {
            attempts.incrementAndGet();
            throw deadlock();
        })).isInstanceOf(PessimisticLockingFailureException.class);
        assertThat(attempts).hasValue(Shard.DEADLOCK_ATTEMPTS);
    }

    @Test
    void aLockWaitTimeoutIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> shard.inTransaction(() -> {
            attempts.incrementAndGet();
            throw new CannotAcquireLockException("timeout", new SQLException("Lock wait timeout", "HY000", 1205));
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(attempts).hasValue(1);
    }
}
