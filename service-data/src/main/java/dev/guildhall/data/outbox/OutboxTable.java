package dev.guildhall.data.outbox;

import java.util.regex.Pattern;

/**
 * One outbox: a table the service's own migrations create in each database of {@code scope}, and
 * the Kafka topic its rows go to. A service declares one bean per outbox; the relay then runs for
 * every database that holds the table (ADR 122).
 *
 * <p>The table has at least: {@code seq BIGINT AUTO_INCREMENT} (publication order),
 * {@code event_id BIGINT}, the key column, {@code event_type}, {@code payload} (the serialized
 * envelope), {@code created_at} and {@code sent_at} (NULL until Kafka acknowledged the row), with
 * an index on {@code (sent_at, seq)}.
 *
 * @param name      the table, e.g. {@code message_outbox}
 * @param keyColumn the column holding the Kafka key (events of one key keep their order), e.g. {@code channel_id}
 * @param topic     where the rows are published
 * @param scope     whether the table lives in every shard database or in the global database
 */
public record OutboxTable(String name, String keyColumn, String topic, Scope scope) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    public enum Scope { SHARDS, GLOBAL }

    public OutboxTable {
        // both are spliced into SQL: only plain identifiers
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a table name: " + name);
        }
        if (keyColumn == null || !IDENTIFIER.matcher(keyColumn).matches()) {
            throw new IllegalArgumentException("not a column name: " + keyColumn);
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("an outbox needs a topic");
        }
        if (scope == null) {
            throw new IllegalArgumentException("an outbox needs a scope");
        }
    }
}
