package dev.guildhall.websocket.metrics;

import dev.guildhall.websocket.session.SessionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The gateway's domain metrics in one place (names under {@code guildhall.gateway.*}):
 * connections and sessions, events in, dispatches out (rate = dispatches/s), payload encodings
 * (one per event, not per recipient), resume hits and misses, drops and close codes.
 */
public final class WebsocketMetrics {

    private final MeterRegistry registry;
    private final Counter dispatches;
    private final Counter encodings;
    private final Counter duplicates;
    private final Counter resumeHits;
    private final Counter resumeMisses;
    private final Counter slowConsumers;
    private final Counter journalErrors;
    private final Timer identify;

    public WebsocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.dispatches = Counter.builder("guildhall.gateway.dispatches")
                .description("Dispatch frames queued to sessions").register(registry);
        this.encodings = Counter.builder("guildhall.gateway.payload.encodings")
                .description("Dispatch payloads built (once per event and audience, not per recipient); an event's data is copied as the producer wrote it")
                .register(registry);
        this.duplicates = Counter.builder("guildhall.gateway.events.duplicate")
                .description("Redelivered events dropped by event_id").register(registry);
        this.resumeHits = Counter.builder("guildhall.gateway.resumes").tag("result", "hit").register(registry);
        this.resumeMisses = Counter.builder("guildhall.gateway.resumes").tag("result", "miss").register(registry);
        this.slowConsumers = Counter.builder("guildhall.gateway.dropped").tag("reason", "send_queue_overflow")
                .description("Connections closed because their send queue overflowed").register(registry);
        this.journalErrors = Counter.builder("guildhall.gateway.journal.errors")
                .description("Resume-buffer writes that failed").register(registry);
        this.identify = Timer.builder("guildhall.gateway.identify")
                .description("IDENTIFY to READY queued").register(registry);
    }

    /** Gauges over this node's connections and sessions. */
    public void bind(SessionRegistry sessions) {
        Gauge.builder("guildhall.gateway.connections", sessions, s -> s.connections().size())
                .description("Open WebSocket connections").register(registry);
        Gauge.builder("guildhall.gateway.sessions", sessions, s -> s.sessions().size())
                .description("Sessions on this node, connected or waiting for resume").register(registry);
        Gauge.builder("guildhall.gateway.sessions.detached", sessions,
                        s -> s.sessions().stream().filter(x -> x.detachedAt() >= 0).count())
                .description("Sessions whose socket dropped, inside their resume window").register(registry);
    }

    /** A gauge over some node-internal size (cached servers, parked events, journal queue). */
    public void gauge(String name, String description, java.util.function.IntSupplier value) {
        Gauge.builder(name, value, v -> v.getAsInt()).description(description).register(registry);
    }

    public void eventConsumed(String topic) {
        registry.counter("guildhall.gateway.events", "topic", topic).increment();
    }

    public void duplicateEvent() {
        duplicates.increment();
    }

    public void payloadEncoded() {
        encodings.increment();
    }

    /**
     * {@code guildhall.gateway.delivery}: from an event's creation by its producer (the envelope's
     * {@code occurred_at}) to its frame handed to the last local recipient's connection, per event type. The
     * platform's delivery target is 500 ms at p99 (deploy/prometheus/guildhall-rules.yml); the histogram lets
     * Prometheus aggregate it over nodes. Clock skew between hosts shows up here: a negative span counts as 0.
     */
    public void delivered(String type, long occurredAtMillis) {
        if (occurredAtMillis <= 0) {
            return;
        }
        long millis = Math.max(0, System.currentTimeMillis() - occurredAtMillis);
        Timer.builder("guildhall.gateway.delivery")
                .tag("type", type)
                .description("Event created by its producer to its frame handed to the recipients' connections")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(Duration.ofMillis(millis));
    }

    public void dispatched() {
        dispatches.increment();
    }

    public void resumeHit() {
        resumeHits.increment();
    }

    public void resumeMiss() {
        resumeMisses.increment();
    }

    public void slowConsumerClosed() {
        slowConsumers.increment();
    }

    public void journalError() {
        journalErrors.increment();
    }

    public void closed(int code) {
        registry.counter("guildhall.gateway.closes", "code", Integer.toString(code)).increment();
    }

    public void ready(boolean degraded, Duration took) {
        registry.counter("guildhall.gateway.ready", "degraded", Boolean.toString(degraded)).increment();
        identify.record(took);
    }

    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
