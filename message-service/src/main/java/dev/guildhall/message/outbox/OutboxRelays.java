package dev.guildhall.message.outbox;

import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.db.Shard;
import dev.guildhall.message.db.ShardDatabases;
import dev.guildhall.message.metrics.MessageMetrics;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one {@link ShardRelay} thread per shard database. Stops after the web server has
 * finished its in-flight requests (a lower phase stops later), so their events still go out.
 */
@Component
class OutboxRelays implements SmartLifecycle {

    private final ShardDatabases shards;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSignal signal;
    private final MessageProperties properties;
    private final MessageMetrics metrics;
    private final Clock clock;
    private final List<ShardRelay> relays = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    OutboxRelays(ShardDatabases shards, KafkaTemplate<String, String> kafka, OutboxSignal signal,
                 MessageProperties properties, MessageMetrics metrics, Clock clock) {
        this.shards = shards;
        this.kafka = kafka;
        this.signal = signal;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        for (Shard shard : shards.all()) {
            metrics.outboxBacklog(shard.name(), () -> unsent(shard));
        }
    }

    private static Number unsent(Shard shard) {
        try {
            return shard.jdbc().sql("SELECT COUNT(*) FROM message_outbox WHERE sent_at IS NULL")
                    .query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (!properties.outbox().relayEnabled()) {
            return;
        }
        for (Shard shard : shards.all()) {
            ShardRelay relay = new ShardRelay(shard, kafka, signal, properties.outbox(), metrics, clock);
            Thread thread = new Thread(relay, "outbox-relay-" + shard.name());
            thread.setDaemon(true);
            relays.add(relay);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        relays.forEach(ShardRelay::stop);
        for (int i = 0; i < shards.all().size(); i++) {
            signal.wake(i);
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

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
