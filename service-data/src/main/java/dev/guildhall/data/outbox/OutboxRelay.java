package dev.guildhall.data.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one outbox table of one database to its topic, in {@code seq} order, keyed by the
 * table's key column (ADR 122).
 *
 * <p>Leadership: one relay per table and database in the whole fleet. It holds a MariaDB user lock
 * named after the table and the database ({@code GET_LOCK}) on a connection of its own, and runs
 * its queries on that connection, so losing the connection loses the lock and the relay with it.
 * Other instances try for the lock once a second. One publisher is what keeps a key's events in
 * order.
 *
 * <p>The loop: read a batch, send it all, wait for every acknowledgement, mark the acknowledged
 * rows sent. After a failure, a key's later rows are not marked even if Kafka took them, so they
 * are published again after the failed one (consumers de-duplicate on {@code event_id}). When idle it
 * is woken by commits on this instance (else polls every {@code idle-interval}), so a lone event goes
 * out at once; after a round that published rows it waits {@code busy-interval} whatever commits, so
 * under load the commits of that interval go out together in the next round (ADR 240). Backs off
 * exponentially while Kafka fails.
 */
final class OutboxRelay implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** One line per published event, with its trace id: off unless {@code logging.level.guildhall.trace=debug}. */
    private static final Logger trace = LoggerFactory.getLogger("guildhall.trace.outbox");
    /** User locks are server-wide: the table and the database name it; at most 64 characters. */
    private static final String LOCK_NAME = "LEFT(CONCAT('gh_outbox_', ?, '_', MD5(DATABASE())), 64)";
    private static final Duration LEADER_RETRY = Duration.ofSeconds(1);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final OutboxTable table;
    private final Shard database;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSignal signal;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final Clock clock;
    private final OutboxTracing tracing;
    private final String select;
    private volatile boolean running = true;
    private volatile Connection lockConnection;
    private JdbcClient jdbc;
    private int failures;
    private Instant nextPurge = Instant.MIN;

    OutboxRelay(OutboxTable table, Shard database, KafkaTemplate<String, String> kafka, OutboxSignal signal,
                OutboxProperties properties, OutboxMetrics metrics, Clock clock, OutboxTracing tracing) {
        this.tracing = tracing;
        this.table = table;
        this.database = database;
        this.kafka = kafka;
        this.signal = signal;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.select = "SELECT seq, " + table.keyColumn() + " AS event_key, event_type, payload, created_at FROM "
                + table.name() + " WHERE sent_at IS NULL ORDER BY seq LIMIT ?";
    }

    String name() {
        return table.name() + "@" + database.name();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                step();
            }
            if (lockConnection != null) {
                publishBatch(); // the last commits before shutdown
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("outbox relay of {} stopped on: {}", name(), e.toString());
        } finally {
            releaseLeadership();
        }
    }

    private void step() throws InterruptedException {
        if (!isLeader()) {
            signal.await(table, database.index(), LEADER_RETRY);
            return;
        }
        Batch batch;
        try {
            batch = publishBatch();
            purgeIfDue();
        } catch (RuntimeException e) {
            if (!running) {
                return;
            }
            log.warn("outbox relay of {} failed: {}", name(), e.toString());
            releaseLeadership();
            Thread.sleep(LEADER_RETRY.toMillis());
            return;
        }
        if (batch.failed() > 0) {
            failures = Math.min(failures + 1, 16);
            long backoff = Math.min(properties.maxBackoff().toMillis(),
                    Math.max(1, properties.busyInterval().toMillis()) << Math.min(failures, 10));
            Thread.sleep(backoff);
        } else {
            failures = 0;
            if (batch.sent() == properties.batchSize()) {
                return; // more waiting: go straight on
            }
            if (batch.sent() > 0) {
                // rows keep coming: let the commits of the next busy-interval gather into one round (one read,
                // one produce request, one mark-sent) instead of a round per commit (ADR 240)
                TimeUnit.NANOSECONDS.sleep(properties.busyInterval().toNanos());
            } else {
                signal.await(table, database.index(), properties.idleInterval());
            }
        }
    }

    /** One batch: publish, await acknowledgements, mark what may be marked. */
    Batch publishBatch() throws InterruptedException {
        List<Row> rows = jdbc.sql(select)
                .param(properties.batchSize())
                .query((rs, n) -> new Row(rs.getLong("seq"), rs.getString("event_key"), rs.getString("event_type"),
                        rs.getString("payload"), DbTimes.fromDb(rs, "created_at")))
                .list();
        if (rows.isEmpty()) {
            return new Batch(0, 0);
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(table.topic(), row.key(), row.payload());
            record.headers().add("event_type", row.type().getBytes(StandardCharsets.UTF_8));
            try {
                // inside the writer's trace: the producer observation puts it in the record's headers
                sends.add(tracing.within(OutboxTracing.of(row.payload()), "outbox publish", () -> {
                    trace.debug("publishing {} (outbox seq {}, key {}) to {}", row.type(), row.seq(), row.key(), table.topic());
                    return kafka.send(record);
                }));
            } catch (RuntimeException e) {
                // no metadata within max.block.ms: Kafka is unreachable, later sends would block as long
                sends.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        Set<String> blockedKeys = new HashSet<>();
        List<Long> sent = new ArrayList<>();
        Throwable firstError = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (i >= sends.size() || blockedKeys.contains(row.key())) {
                blockedKeys.add(row.key());
                continue;
            }
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(row.seq());
                metrics.delivered(table, database, Duration.between(row.createdAt(), clock.instant()));
            } catch (ExecutionException | TimeoutException e) {
                blockedKeys.add(row.key());
                if (firstError == null) {
                    firstError = e instanceof ExecutionException ? e.getCause() : e;
                }
            }
        }
        if (!sent.isEmpty()) {
            jdbc.sql("UPDATE " + table.name() + " SET sent_at = :now WHERE seq IN (:seqs)")
                    .param("now", DbTimes.toDb(clock.instant()))
                    .param("seqs", sent)
                    .update();
            metrics.published(table, database, sent.size());
        }
        int failed = rows.size() - sent.size();
        if (failed > 0) {
            metrics.failed(table, database, failed);
            log.warn("outbox relay of {}: {} of {} events not acknowledged by Kafka ({}); retrying", name(), failed,
                    rows.size(), String.valueOf(firstError));
        }
        return new Batch(sent.size(), failed);
    }

    private void purgeIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        Instant before = now.minus(properties.retention());
        int deleted;
        do {
            deleted = jdbc.sql("DELETE FROM " + table.name() + " WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT 1000")
                    .param(DbTimes.toDb(before))
                    .update();
        } while (deleted == 1000 && running);
    }

    private boolean isLeader() {
        if (lockConnection != null) {
            return true;
        }
        Connection connection = null;
        try {
            connection = database.dataSource().getConnection();
            connection.setAutoCommit(true);
            JdbcClient client = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            Integer got = client.sql("SELECT GET_LOCK(" + LOCK_NAME + ", 0)").param(table.name())
                    .query(Integer.class).single();
            if (got != null && got == 1) {
                lockConnection = connection;
                jdbc = client;
                log.info("outbox relay of {} is now publishing", name());
                return true;
            }
            connection.close();
            return false;
        } catch (SQLException | RuntimeException e) {
            log.debug("outbox relay of {} could not try the lock: {}", name(), e.toString());
            evict(connection);
            return false;
        }
    }

    boolean isLeading() {
        return lockConnection != null;
    }

    private void releaseLeadership() {
        if (lockConnection != null) {
            // closing the physical connection is what releases a MariaDB user lock for sure
            evict(lockConnection);
            lockConnection = null;
            jdbc = null;
        }
    }

    private void evict(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (database.dataSource().isWrapperFor(HikariDataSource.class)) {
                database.dataSource().unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException | RuntimeException ignored) {
            // already gone
        }
    }

    private record Row(long seq, String key, String type, String payload, Instant createdAt) {
    }

    record Batch(int sent, int failed) {
    }
}
