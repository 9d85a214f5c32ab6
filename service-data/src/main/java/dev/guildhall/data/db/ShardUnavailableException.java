package dev.guildhall.data.db;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * A database is refused without trying it: its breaker is open because its last connection attempts failed
 * (ADR 247). Transient: the caller answers 503 with {@code Retry-After} {@link #retryAfter()}.
 */
public class ShardUnavailableException extends SQLTransientConnectionException {

    /** {@code 08001}: SQL client unable to establish a connection. */
    static final String SQL_STATE = "08001";

    private final transient Duration retryAfter;

    public ShardUnavailableException(String database, Duration retryAfter) {
        super("Database " + database + " is unavailable (its last connection attempts failed)", SQL_STATE);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
