package dev.guildhall.data.db;

/**
 * A service's own Flyway migrations, declared as a bean by the service: each service keeps its
 * own history table in every database it shares with others (ADR 003) and its own folders.
 *
 * @param historyTable e.g. {@code flyway_history_message}
 * @param global       location of the global database's migrations, or null for none
 * @param shard        location of every shard database's migrations, or null for none
 */
public record Migrations(String historyTable, String global, String shard) {

    public Migrations {
        if (historyTable == null || historyTable.isBlank()) {
            throw new IllegalArgumentException("a service's migrations need their own history table");
        }
    }
}
