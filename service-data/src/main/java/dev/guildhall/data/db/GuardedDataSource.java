package dev.guildhall.data.db;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One database's pool behind a circuit breaker (ADR 247): when connections to it cannot be made (the host or
 * its MariaDB died), every request that needs it would otherwise wait the pool's whole connection timeout,
 * holding a request thread and a place in the send bulkhead that the other shards' requests need. After a few
 * such failures the breaker opens and {@link #getConnection()} refuses at once with
 * {@link ShardUnavailableException}. While it is open a background probe tries a connection every
 * {@link #OPEN_FOR} and closes the breaker when one is made: no request ever pays for a probe. A pool that is
 * merely busy (no free connection in time, but none failed to open) is not a failure.
 */
public final class GuardedDataSource extends DelegatingDataSource {

    /** How often a dead database is probed; also the refusal's {@code Retry-After}. */
    public static final Duration OPEN_FOR = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(GuardedDataSource.class);
    private static final ScheduledExecutorService PROBES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "shard-probe");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final CircuitBreaker breaker;

    public GuardedDataSource(String name, DataSource pool) {
        super(pool);
        this.name = name;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                // requests never move it to half-open: the probe closes it (an hour only bounds a lost probe)
                .waitDurationInOpenState(Duration.ofHours(1))
                .recordException(GuardedDataSource::unreachable)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                log.warn("Database {} is unreachable: refusing its requests, probing every {} s", name,
                        OPEN_FOR.toSeconds());
                probeLater();
            }
        });
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!breaker.tryAcquirePermission()) {
            throw refused();
        }
        long start = System.nanoTime();
        try {
            Connection connection = super.getConnection();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return connection;
        } catch (SQLException | RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    private void probeLater() {
        PROBES.schedule(this::probe, OPEN_FOR.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            return;
        }
        try (Connection connection = obtainTargetDataSource().getConnection()) {
            if (connection.isValid(1)) {
                log.info("Database {} answers again: its requests are served", name);
                breaker.transitionToClosedState();
                return;
            }
        } catch (SQLException | RuntimeException e) {
            if (closed()) {
                return;
            }
        }
        probeLater();
    }

    private boolean closed() {
        try {
            DataSource target = obtainTargetDataSource();
            return target.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)
                    && target.unwrap(com.zaxxer.hikari.HikariDataSource.class).isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("Connections of a guarded database use the pool's credentials");
    }

    /** Whether this database is being refused right now. */
    public boolean refusing() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    private ShardUnavailableException refused() {
        ShardUnavailableException e = new ShardUnavailableException(name, OPEN_FOR);
        e.initCause(CallNotPermittedException.createCallNotPermittedException(breaker));
        return e;
    }

    /**
     * A failure to reach the database: a connection-class SQL state (08xxx: refused, reset, timed out), or the
     * pool's timeout when it carries the failure of the connection it tried to open. The pool's plain timeout
     * (busy, every connection in use) has no cause and is not the database's fault.
     */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    && !(t instanceof ShardUnavailableException)) {
                return true;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
