package dev.guildhall.server.outbox;

import dev.guildhall.common.event.Topics;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.db.DbTimes;
import dev.guildhall.server.db.Shard;
import dev.guildhall.server.db.ShardDatabases;
import dev.guildhall.server.metrics.ServerMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes each shard's outbox to {@code server-events} (key: server id) and marks rows sent
 * (ADR 023). One relay per shard runs at a time across all instances (a MySQL named lock held by
 * a connection, released if the instance dies), so rows leave in commit order; the producer is
 * idempotent with {@code acks=all}. Delivery is at-least-once: a row published but not yet marked
 * is published again, with the same {@code event_id}.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_ROUNDS = 20;
    private static final long PURGE_EVERY_MILLIS = 60_000;

    private final ShardDatabases shards;
    private final OutboxRepository repository;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties props;
    private final ServerMetrics metrics;
    private final ReentrantLock[] running;
    private final AtomicBoolean[] pending;
    private final String[] lockNames;
    private final long[] lastPurge;
    private volatile ThreadPoolTaskScheduler scheduler;

    public OutboxRelay(ShardDatabases shards, OutboxRepository repository, KafkaTemplate<String, String> kafka,
                       OutboxProperties props, ServerMetrics metrics) {
        this.shards = shards;
        this.repository = repository;
        this.kafka = kafka;
        this.props = props;
        this.metrics = metrics;
        int n = shards.all().size();
        this.running = new ReentrantLock[n];
        this.pending = new AtomicBoolean[n];
        this.lockNames = new String[n];
        this.lastPurge = new long[n];
        for (Shard shard : shards.all()) {
            running[shard.index()] = new ReentrantLock();
            pending[shard.index()] = new AtomicBoolean();
            String database = shard.jdbc().sql("SELECT DATABASE()").query(String.class).optional().orElse(shard.name());
            // named locks are server-wide: qualify with the database so shards on one server do not collide
            lockNames[shard.index()] = truncate("guildhall.server_outbox." + database, 64);
            metrics.outboxPending(shard.name(), () -> repository.countUnsent(shard.jdbc()));
        }
    }

    @Override
    public void start() {
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(Math.max(1, shards.all().size()));
        s.setThreadNamePrefix("outbox-relay-");
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationSeconds(10);
        s.initialize();
        for (Shard shard : shards.all()) {
            s.scheduleWithFixedDelay(() -> relay(shard), props.relayInterval());
        }
        scheduler = s;
    }

    @Override
    public void stop() {
        ThreadPoolTaskScheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Wakes the shard's relay right after a commit instead of waiting for the next tick. */
    @EventListener
    public void onServerChanged(ServerChanged changed) {
        ThreadPoolTaskScheduler s = scheduler;
        if (s != null && pending[changed.shardIndex()].compareAndSet(false, true)) {
            Shard shard = shards.all().get(changed.shardIndex());
            s.execute(() -> relay(shard));
        }
    }

    /** One pass over a shard; public for tests and operators. */
    public void relay(Shard shard) {
        ReentrantLock lock = running[shard.index()];
        if (!lock.tryLock()) {
            return; // the running pass re-checks `pending` before it ends
        }
        try {
            do {
                pending[shard.index()].set(false);
                drain(shard);
            } while (pending[shard.index()].get());
        } catch (Exception e) {
            metrics.outboxFailure(shard.name());
            log.warn("outbox relay of {} failed; will retry", shard.name(), e);
        } finally {
            lock.unlock();
        }
    }

    private void drain(Shard shard) throws SQLException {
        try (Connection lockConnection = shard.dataSource().getConnection()) {
            if (!namedLock(lockConnection, "SELECT GET_LOCK(?, 0)", lockNames[shard.index()])) {
                return; // another instance is relaying this shard
            }
            try {
                for (int round = 0; round < MAX_ROUNDS; round++) {
                    List<OutboxRow> rows = repository.unsent(shard.jdbc(), props.batchSize());
                    if (rows.isEmpty()) {
                        break;
                    }
                    List<Long> sent = publish(rows);
                    repository.markSent(shard.jdbc(), sent, DbTimes.now());
                    metrics.outboxPublished(shard.name(), sent.size());
                    if (sent.size() < rows.size() || rows.size() < props.batchSize()) {
                        break;
                    }
                }
                purge(shard);
            } finally {
                namedLock(lockConnection, "SELECT RELEASE_LOCK(?)", lockNames[shard.index()]);
            }
        }
    }

    /** Sends a batch and waits for the acknowledgements; @return the rows acknowledged, an unbroken prefix. */
    private List<Long> publish(List<OutboxRow> rows) {
        List<CompletableFuture<SendResult<String, String>>> futures = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SERVER_EVENTS,
                    Snowflake.format(row.serverId()), row.payload());
            record.headers().add("event_type", row.eventType().getBytes(StandardCharsets.UTF_8));
            futures.add(kafka.send(record));
        }
        long deadline = System.nanoTime() + props.sendTimeout().toNanos();
        List<Long> sent = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                futures.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(rows.get(i).seq());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                metrics.outboxFailure("kafka");
                log.warn("publishing outbox row {} failed; it stays unsent", rows.get(i).seq(), e);
                break;
            }
        }
        return sent;
    }

    private void purge(Shard shard) {
        long now = System.currentTimeMillis();
        if (now - lastPurge[shard.index()] > PURGE_EVERY_MILLIS) {
            lastPurge[shard.index()] = now;
            Instant before = Instant.ofEpochMilli(now).minus(props.retention());
            repository.purgeSentBefore(shard.jdbc(), before, 5000);
        }
    }

    private static boolean namedLock(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
