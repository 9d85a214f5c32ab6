package dev.guildhall.message.outbox;

import com.zaxxer.hikari.HikariDataSource;
import dev.guildhall.common.event.Topics;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.db.DbTimes;
import dev.guildhall.message.db.Shard;
import dev.guildhall.message.metrics.MessageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.core.KafkaTemplate;

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
 * Publishes one shard's {@code message_outbox} to the {@code messages} topic, in {@code seq}
 * order, keyed by channel id (ADR 062).
 *
 * <p>One relay per shard database in the whole fleet: it holds a MariaDB user lock named after the
 * database ({@code GET_LOCK}) on a connection of its own, and runs its queries on that connection,
 * so losing the connection loses the lock and the relay with it. Other instances keep trying for
 * the lock once a second. One publisher per shard is what keeps events of a channel in order.
 *
 * <p>The loop: publish a batch, wait for every acknowledgement, mark the acknowledged rows sent.
 * After a failure, a channel's later rows are not marked even if Kafka took them, so they are
 * published again after the failed one (consumers de-duplicate on {@code event_id}). Woken by
 * commits; otherwise polls every {@code busy-interval} while it finds rows and every
 * {@code idle-interval} when it does not; backs off while Kafka fails.
 */
final class ShardRelay implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShardRelay.class);
    static final String LOCK_NAME = "CONCAT('gh_msg_outbox_', MD5(DATABASE()))";
    private static final Duration LEADER_RETRY = Duration.ofSeconds(1);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final Shard shard;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSignal signal;
    private final MessageProperties.Outbox properties;
    private final MessageMetrics metrics;
    private final Clock clock;
    private volatile boolean running = true;
    private Connection lockConnection;
    private JdbcClient jdbc;
    private int failures;
    private Instant nextPurge = Instant.MIN;

    ShardRelay(Shard shard, KafkaTemplate<String, String> kafka, OutboxSignal signal,
               MessageProperties.Outbox properties, MessageMetrics metrics, Clock clock) {
        this.shard = shard;
        this.kafka = kafka;
        this.signal = signal;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
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
                publishBatch(); // last commits before shutdown
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            releaseLeadership();
        }
    }

    private void step() throws InterruptedException {
        if (!isLeader()) {
            signal.await(shard.index(), LEADER_RETRY);
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
            log.warn("outbox relay of {} failed: {}", shard.name(), e.toString());
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
            signal.await(shard.index(), batch.sent() > 0 ? properties.busyInterval() : properties.idleInterval());
        }
    }

    /** One batch: publish, await acknowledgements, mark what may be marked. */
    Batch publishBatch() throws InterruptedException {
        List<OutboxRow> rows = jdbc.sql("""
                        SELECT seq, event_id, channel_id, event_type, payload, created_at FROM message_outbox
                        WHERE sent_at IS NULL ORDER BY seq LIMIT ?""")
                .param(properties.batchSize())
                .query((rs, n) -> new OutboxRow(rs.getLong("seq"), rs.getLong("event_id"), rs.getLong("channel_id"),
                        rs.getString("event_type"), rs.getString("payload"), DbTimes.fromDb(rs, "created_at")))
                .list();
        if (rows.isEmpty()) {
            return new Batch(0, 0);
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            try {
                sends.add(kafka.send(Topics.MESSAGES, Long.toString(row.channelId()), row.payload()));
            } catch (RuntimeException e) {
                // no metadata within max.block.ms: Kafka is unreachable, later sends would block as long
                sends.add(CompletableFuture.failedFuture(e));
                break;
            }
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        Set<Long> blockedChannels = new HashSet<>();
        List<Long> sent = new ArrayList<>();
        Throwable firstError = null;
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            if (i >= sends.size() || blockedChannels.contains(row.channelId())) {
                blockedChannels.add(row.channelId());
                continue;
            }
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(row.seq());
                metrics.delivered(Duration.between(row.createdAt(), clock.instant()));
            } catch (ExecutionException | TimeoutException e) {
                blockedChannels.add(row.channelId());
                if (firstError == null) {
                    firstError = e instanceof ExecutionException ? e.getCause() : e;
                }
            }
        }
        if (!sent.isEmpty()) {
            jdbc.sql("UPDATE message_outbox SET sent_at = :now WHERE seq IN (:seqs)")
                    .param("now", DbTimes.toDb(clock.instant()))
                    .param("seqs", sent)
                    .update();
            metrics.published(shard.name(), sent.size());
        }
        int failed = rows.size() - sent.size();
        if (failed > 0) {
            metrics.publishFailed(failed);
            log.warn("outbox relay of {}: {} of {} events not acknowledged by Kafka ({}); retrying", shard.name(),
                    failed, rows.size(), String.valueOf(firstError));
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
            deleted = jdbc.sql("DELETE FROM message_outbox WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT 1000")
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
            connection = shard.dataSource().getConnection();
            connection.setAutoCommit(true);
            JdbcClient client = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            Integer got = client.sql("SELECT GET_LOCK(" + LOCK_NAME + ", 0)").query(Integer.class).single();
            if (got != null && got == 1) {
                lockConnection = connection;
                jdbc = client;
                log.info("outbox relay of {} is now publishing", shard.name());
                return true;
            }
            connection.close();
            return false;
        } catch (SQLException | RuntimeException e) {
            log.debug("outbox relay of {} could not try the lock: {}", shard.name(), e.toString());
            evict(connection);
            return false;
        }
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
            if (shard.dataSource() instanceof HikariDataSource hikari) {
                hikari.evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException | RuntimeException ignored) {
            // already gone
        }
    }

    record Batch(int sent, int failed) {
    }
}
