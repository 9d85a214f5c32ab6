package dev.guildhall.auth.outbox;

import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.auth.metrics.AuthMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent (ADR 016). Rows are locked with
 * {@code SKIP LOCKED}, so several instances share the work without waiting on each other.
 * Delivery is at-least-once: a crash between Kafka's acknowledgement and the commit publishes a
 * row again, which consumers absorb by {@code event_id}. While Kafka is unreachable the relay
 * backs off (up to 30 s) instead of hammering it.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OutboxRepository repository;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate tx;
    private final AuthProperties.Outbox properties;
    private final AuthMetrics metrics;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant pausedUntil = Instant.MIN;

    public OutboxRelay(OutboxRepository repository, KafkaTemplate<String, String> kafka, TransactionTemplate tx,
                       AuthProperties properties, AuthMetrics metrics, Clock clock) {
        this.repository = repository;
        this.kafka = kafka;
        this.tx = tx;
        this.properties = properties.outbox();
        this.metrics = metrics;
        this.clock = clock;
        metrics.outboxBacklog(repository::countUnsent);
    }

    @Scheduled(fixedDelayString = "${guildhall.auth.outbox.poll-interval}", initialDelayString = "1s")
    public void poll() {
        if (!properties.relayEnabled() || clock.instant().isBefore(pausedUntil)) {
            return;
        }
        try {
            Batch batch;
            do {
                batch = relayBatch();
            } while (batch.failed() == 0 && batch.sent() == properties.batchSize());
            if (batch.failed() > 0) {
                backOff();
            } else {
                consecutiveFailures = 0;
            }
        } catch (RuntimeException e) {
            log.warn("outbox relay failed: {}", e.toString());
            backOff();
        }
    }

    /** Publishes one batch; visible for tests. */
    Batch relayBatch() {
        Batch result = tx.execute(status -> {
            List<OutboxEvent> events = repository.lockUnsent(properties.batchSize());
            if (events.isEmpty()) {
                return new Batch(0, 0);
            }
            List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
            for (OutboxEvent event : events) {
                sends.add(send(event));
            }
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            List<Long> sent = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < events.size(); i++) {
                OutboxEvent event = events.get(i);
                try {
                    sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    sent.add(event.eventId());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed++;
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    failed++;
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    repository.markFailed(event.eventId(), String.valueOf(cause));
                    if (failed == 1) {
                        log.warn("could not publish outbox event {} ({}) to {}: {}", event.eventId(), event.type(),
                                event.topic(), String.valueOf(cause));
                    }
                }
            }
            repository.markSent(sent, clock.instant());
            return new Batch(sent.size(), failed);
        });
        if (result != null) {
            metrics.eventsPublished(result.sent());
        }
        return result == null ? new Batch(0, 0) : result;
    }

    private CompletableFuture<?> send(OutboxEvent event) {
        try {
            return kafka.send(event.topic(), event.key(), event.payload());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void backOff() {
        consecutiveFailures = Math.min(consecutiveFailures + 1, 16);
        long millis = Math.min(MAX_BACKOFF.toMillis(),
                properties.pollInterval().toMillis() * (1L << Math.min(consecutiveFailures, 10)));
        pausedUntil = clock.instant().plusMillis(millis);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void purgeSent() {
        Instant before = clock.instant().minus(properties.retention());
        int deleted;
        do {
            deleted = repository.deleteSentBefore(before, 1000);
        } while (deleted == 1000);
    }

    record Batch(int sent, int failed) {
    }
}
