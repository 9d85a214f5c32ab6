package dev.guildhall.data.db;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The breaker in front of one shard's pool (ADR 247), against a pool stand-in that fails as told. */
class GuardedDataSourceTest {

    /** Fails every getConnection with the given exception and counts the attempts. */
    static class FailingPool extends AbstractDataSource {
        final AtomicInteger attempts = new AtomicInteger();
        SQLException failure;

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            throw failure;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsRefusedWithoutTryingAfterAFewFailures() {
        FailingPool pool = new FailingPool();
        // Hikari's timeout carrying the failure of the connection it tried to open
        pool.failure = new SQLTransientConnectionException("shard-1 - Connection is not available", "08S01",
                new java.net.ConnectException("Connection refused"));
        GuardedDataSource guarded = new GuardedDataSource("shard-1", pool);

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(guarded::getConnection).isSameAs(pool.failure);
        }
        assertThat(guarded.refusing()).isTrue();
        long start = System.nanoTime();
        assertThatThrownBy(guarded::getConnection).isInstanceOf(ShardUnavailableException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
        assertThat(System.nanoTime() - start).as("refused without waiting on the pool").isLessThan(1_000_000_000L);
        assertThat(pool.attempts).hasValue(4);
    }

    @Test
    void theProbeServesTheDatabaseAgainOnceItAnswers() throws Exception {
        FailingPool pool = new FailingPool() {
            volatile boolean back;

            @Override
            public Connection getConnection() throws SQLException {
                if (back) {
                    return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {Connection.class}, (proxy, method, args) ->
                                    method.getName().equals("isValid") ? Boolean.TRUE : null);
                }
                back = attempts.get() >= 4;
                return super.getConnection();
            }
        };
        pool.failure = new SQLTransientConnectionException("refused", "08001");
        GuardedDataSource guarded = new GuardedDataSource("shard-2", pool);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(guarded::getConnection).isSameAs(pool.failure);
        }
        assertThat(guarded.refusing()).isTrue();

        long deadline = System.nanoTime() + GuardedDataSource.OPEN_FOR.multipliedBy(3).toNanos();
        while (guarded.refusing() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(guarded.refusing()).as("closed by the probe, no request needed").isFalse();
        assertThat(guarded.getConnection().isValid(1)).isTrue();
    }

    @Test
    void aBusyPoolIsNotADeadDatabase() {
        FailingPool pool = new FailingPool();
        // every connection in use: the pool's plain timeout, no failed connection attempt behind it
        pool.failure = new SQLTransientConnectionException("shard-0 - Connection is not available, request timed out");
        GuardedDataSource guarded = new GuardedDataSource("shard-0", pool);

        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(guarded::getConnection).isSameAs(pool.failure);
        }
        assertThat(guarded.refusing()).isFalse();
        assertThat(pool.attempts).hasValue(12);
    }
}
