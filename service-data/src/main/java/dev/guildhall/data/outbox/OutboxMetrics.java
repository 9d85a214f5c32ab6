package dev.guildhall.data.outbox;

import dev.guildhall.data.db.Shard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The relay's meters, the same in every service: {@code outbox.pending} (rows not yet published,
 * per table and database), {@code outbox.lag} (commit to Kafka acknowledgement, per table; SLO
 * bucket 100 ms), {@code outbox.published} and {@code outbox.failures}. A service's
 * {@link OutboxListener}s are told as well.
 */
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final List<OutboxListener> listeners;
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();

    public OutboxMetrics(MeterRegistry registry, List<OutboxListener> listeners) {
        this.registry = registry;
        this.listeners = List.copyOf(listeners);
    }

    void pending(OutboxTable table, Shard database, Supplier<Number> unsent) {
        Gauge.builder("outbox.pending", () -> {
                    try {
                        return unsent.get();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .tag("table", table.name()).tag("shard", database.name())
                .description("Outbox rows not yet acknowledged by Kafka: grows while Kafka is unreachable")
                .register(registry);
        lagTimer(table);
    }

    void delivered(OutboxTable table, Shard database, Duration sinceCommit) {
        Duration lag = sinceCommit.isNegative() ? Duration.ZERO : sinceCommit;
        lagTimer(table).record(lag);
        listeners.forEach(l -> l.delivered(table, database, lag));
    }

    void published(OutboxTable table, Shard database, int rows) {
        Counter.builder("outbox.published").tag("table", table.name()).tag("shard", database.name())
                .description("Outbox rows acknowledged by Kafka").register(registry).increment(rows);
        listeners.forEach(l -> l.published(table, database, rows));
    }

    void failed(OutboxTable table, Shard database, int rows) {
        Counter.builder("outbox.failures").tag("table", table.name())
                .description("Outbox rows Kafka did not acknowledge (they are retried)").register(registry)
                .increment(rows);
        listeners.forEach(l -> l.failed(table, database, rows));
    }

    private Timer lagTimer(OutboxTable table) {
        return lag.computeIfAbsent(table.name(), name -> Timer.builder("outbox.lag")
                .tag("table", name)
                .description("From the commit of a change to Kafka's acknowledgement of its event")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100))
                .register(registry));
    }
}
