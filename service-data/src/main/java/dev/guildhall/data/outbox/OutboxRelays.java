package dev.guildhall.data.outbox;

import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link OutboxRelay} thread for every outbox table in every database that holds it. Stops
 * after the web server has finished its in-flight requests (a lower phase stops later), so their
 * events still go out.
 */
public class OutboxRelays implements SmartLifecycle {

    private final List<Target> targets = new ArrayList<>();
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSignal signal;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final Clock clock;
    private final OutboxTracing tracing;
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    private record Target(OutboxTable table, Shard database) {
    }

    /**
     * @param shards null when the service has no shard databases
     * @param global null when the service has no global database
     */
    public OutboxRelays(List<OutboxTable> tables, ShardDatabases shards, GlobalDatabase global,
                        KafkaTemplate<String, String> kafka, OutboxSignal signal, OutboxProperties properties,
                        OutboxMetrics metrics, Clock clock) {
        this(tables, shards, global, kafka, signal, properties, metrics, clock, OutboxTracing.none());
    }

    /** @param tracing continues each row's trace while it is published (ADR 172) */
    public OutboxRelays(List<OutboxTable> tables, ShardDatabases shards, GlobalDatabase global,
                        KafkaTemplate<String, String> kafka, OutboxSignal signal, OutboxProperties properties,
                        OutboxMetrics metrics, Clock clock, OutboxTracing tracing) {
        this.tracing = tracing;
        this.kafka = kafka;
        this.signal = signal;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        for (OutboxTable table : tables) {
            List<Shard> databases = switch (table.scope()) {
                case SHARDS -> {
                    if (shards == null) {
                        throw new IllegalStateException(table.name() + " lives in the shards, but there are none");
                    }
                    yield shards.all();
                }
                case GLOBAL -> {
                    if (global == null) {
                        throw new IllegalStateException(table.name() + " lives in the global database, but there is none");
                    }
                    yield List.of(global.database());
                }
            };
            for (Shard database : databases) {
                targets.add(new Target(table, database));
                metrics.pending(table, database, () -> pending(table, database));
            }
        }
    }

    /** Rows of {@code table} in {@code database} that Kafka has not acknowledged yet. */
    public static long pending(OutboxTable table, Shard database) {
        return database.jdbc().sql("SELECT COUNT(*) FROM " + table.name() + " WHERE sent_at IS NULL")
                .query(Long.class).single();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (!properties.enabled()) {
            return;
        }
        for (Target target : targets) {
            OutboxRelay relay = new OutboxRelay(target.table(), target.database(), kafka, signal, properties,
                    metrics, clock, tracing);
            Thread thread = new Thread(relay, "outbox-relay-" + relay.name());
            thread.setDaemon(true);
            relays.add(relay);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        relays.forEach(OutboxRelay::stop);
        for (Target target : targets) {
            signal.wake(target.table(), target.database().index());
        }
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        relays.clear();
        threads.clear();
        running = false;
    }

    /** How many of this instance's relays hold their database's lock and publish. */
    public synchronized long leading() {
        return relays.stream().filter(OutboxRelay::isLeading).count();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
